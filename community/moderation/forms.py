"""Forms of the moderation pages. Services validate again: a forged request that skips a
form gets the same 4xx."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from community.permissions import Refused
from community.rendering import MAX_MARKDOWN_CHARS

from .models import Report
from .services.posts import REASON_MAX
from .services.reports import NOTE_MAX


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with this post?"), choices=Report.REASONS,
                               widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note for the moderators (required for “something else”)"),
                           required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (kept in the moderation log)"), required=False,
                             max_length=REASON_MAX)


class EditForm(forms.Form):
    body = forms.CharField(label=_("Text"), max_length=MAX_MARKDOWN_CHARS,
                           widget=forms.Textarea(attrs={"rows": 10}))
    reason = forms.CharField(label=_("Reason for the edit (shown in the post's history)"),
                             max_length=REASON_MAX)


class SuspendForm(forms.Form):
    until = forms.DateField(label=_("Can post again on"),
                            widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX)

    def clean_until(self):
        """The suspension ends at the start of the chosen day, in the site's time zone."""
        day = self.cleaned_data["until"]
        until = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        if until <= timezone.now():
            raise forms.ValidationError(_("Choose a day in the future."))
        return until


class MoveForm(forms.Form):
    # An id, not a choice: the service decides which topics are allowed (and says why not).
    topic = forms.IntegerField(label=_("Move to"), min_value=1, widget=forms.Select)
    reason = forms.CharField(label=_("Reason (kept in the moderation log)"), required=False,
                             max_length=REASON_MAX)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].widget.choices = [(topic.pk, topic.label) for topic in topics]


def refusal_for(form):
    """A 400 naming every field error, for a POST that does not validate."""
    errors = "; ".join(
        f"{form.fields[name].label}: {' '.join(messages)}" if name in form.fields else " ".join(messages)
        for name, messages in form.errors.items())
    return Refused(400, _gettext("Please correct the form: %(errors)s") % {"errors": errors})
