from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DashboardExport


class ExportForm(forms.Form):
    file_format = forms.ChoiceField(label=_("Format"), choices=DashboardExport.FORMATS)


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"), required=False, max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line, or separated by commas."))
    file = forms.FileField(
        label=_("Or a CSV file"), required=False,
        help_text=_("One row per person: email, then an optional name."))


class BulkAddForm(forms.Form):
    users = forms.TypedMultipleChoiceField(label=_("Learners"), coerce=int)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Any integer is accepted here; the service checks each one is a real candidate.
        self.fields["users"].choices = [(u.pk, str(u)) for u in candidates]
        self.fields["users"].valid_value = lambda value: str(value).isdigit()


class CohortDatesForm(forms.Form):
    starts_on = forms.DateField(label=_("Starts on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends on"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date must be on or after the start date."))
        return cleaned


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
