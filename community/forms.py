"""Forms for learners' text: lengths, languages and tags are checked here; Markdown is
sanitised when rendered (rendering.py), plain fields are escaped by the templates."""

import re
import uuid

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import Thread
from .rendering import MAX_MARKDOWN_CHARS

TAG = re.compile(r"^[\w][\w -]{0,38}[\w]?$", re.UNICODE)
MAX_TAGS = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files; their content is checked by attachments.check_uploads."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(FilesField, self).clean(item, initial) for item in items]


def language_field():
    return forms.ChoiceField(label=_("Language of your post"), choices=settings.LANGUAGES,
                             initial=get_language)


def clean_tags(value):
    names = []
    for raw in (value or "").split(","):
        name = " ".join(raw.split()).lower()
        if not name:
            continue
        if not TAG.match(name):
            raise forms.ValidationError(
                _("Tags use letters, digits, spaces and hyphens (at most 40 characters): “%(tag)s”."),
                params={"tag": name[:40]})
        if name not in names:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise forms.ValidationError(_("At most %(count)d tags."), params={"count": MAX_TAGS})
    return names


class PostFields(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}),
                           max_length=MAX_MARKDOWN_CHARS,
                           help_text=_("Markdown: **bold**, *italic*, lists, links. "
                                       "Mention someone with @name."))
    attachments = FilesField(label=_("Attach images or PDF files"), required=False)
    # A new key each time the form is shown: submitting it twice makes one post.
    submission = forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"] = language_field()


class ThreadForm(PostFields):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Thread.KINDS, initial=Thread.DISCUSSION)
    tags = forms.CharField(label=_("Tags (separated by commas)"), required=False, max_length=300)
    cohort = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field_order = ["kind", "title", "body", "tags", "language", "attachments"]

    def clean_tags(self):
        return clean_tags(self.cleaned_data.get("tags"))


class ReplyForm(PostFields):
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Title of the idea or practice"), max_length=200)
    need = forms.CharField(label=_("The need it answers"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(label=_("Description"), max_length=MAX_MARKDOWN_CHARS,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    country = forms.CharField(label=_("Country"), max_length=100, required=False)
    tags = forms.CharField(label=_("Tags (separated by commas)"), required=False, max_length=300)
    attachments = FilesField(label=_("Attach images or PDF files"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"] = language_field()

    def clean_tags(self):
        return clean_tags(self.cleaned_data.get("tags"))


class EditForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}),
                           max_length=MAX_MARKDOWN_CHARS)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)


class SynthesisForm(forms.Form):
    body = forms.CharField(label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 8}),
                           max_length=MAX_MARKDOWN_CHARS,
                           help_text=_("What the group concluded: shown at the top of the "
                                       "discussion and on the “What we learned” page."))
