"""StreamField blocks of a lesson body, and the registry other apps extend.

Another app adds a block from its AppConfig.ready():

    from courses.blocks import register_lesson_block
    register_lesson_block("quiz_embed", QuizEmbedBlock())

Registered blocks are left out of the migrations of `courses` (see
LessonBodyField), so installing or removing an extension app never creates a
migration here.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.definition_lookup import BlockDefinitionLookupBuilder
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

CALLOUT_KINDS = [
    ("key-idea", _("Key idea")),
    ("example", _("Example")),
    ("tip", _("Tip")),
]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        help_text = _("A section title inside the lesson.")
        template = "sse_courses/blocks/heading.html"
        label = _("Heading")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"), help_text=_("Choose an image or upload one."))
    alt_text = blocks.CharBlock(
        required=False, label=_("Alternative text"),
        help_text=_("Describe the image for people who cannot see it.")
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"),
                               help_text=_("Shown under the image."))

    class Meta:
        icon = "image"
        template = "sse_courses/blocks/image.html"
        label = _("Image")


VIDEO_EXTENSIONS = ("mp4", "webm", "ogv")
CAPTION_EXTENSIONS = ("vtt",)


class TypedDocumentChooserBlock(DocumentChooserBlock):
    """A document chooser that accepts only some file extensions (videos, captions)."""

    def __init__(self, extensions, **kwargs):
        self.extensions = tuple(extensions)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value is not None and value.file_extension.lower() not in self.extensions:
            raise ValidationError(_("Choose a file of type %(types)s.") % {
                "types": ", ".join(f".{ext}" for ext in self.extensions)})
        return value


class VideoBlock(blocks.StructBlock):
    """A video from an address (embedded when a provider answers, else a link) or an
    uploaded file played by the browser, with its captions and a transcript."""

    # Stored under "video" since the block first held an embed: old values keep working.
    video = blocks.URLBlock(
        required=False, label=_("Video address"),
        help_text=_("A YouTube, Vimeo… address. When the server cannot reach the provider, "
                    "learners get a link to the video instead of the player."))
    file = TypedDocumentChooserBlock(
        VIDEO_EXTENSIONS, required=False, label=_("Uploaded video file"),
        help_text=_("An MP4, WebM or Ogg video uploaded as a document; it plays without the "
                    "internet and is used instead of the address."))
    captions = TypedDocumentChooserBlock(
        CAPTION_EXTENSIONS, required=False, label=_("Captions (WebVTT file)"),
        help_text=_("A .vtt subtitle file for the uploaded video, in the lesson's language."))
    title = blocks.CharBlock(
        required=False, label=_("Title"),
        help_text=_("Names the video for screen readers and in the link."))
    transcript = blocks.RichTextBlock(
        required=False, label=_("Transcript"),
        help_text=_("A transcript helps learners on slow connections and those who cannot "
                    "hear the video."))

    class Meta:
        icon = "media"
        template = "sse_courses/blocks/video.html"
        label = _("Video")
        form_classname = "struct-block video-block"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not value.get("video") and not value.get("file"):
            errors["video"] = ValidationError(
                _("Give the video's address or choose an uploaded video file."))
        if value.get("captions") and not value.get("file"):
            errors["captions"] = ValidationError(
                _("Captions go with an uploaded video file."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        from .embeds import embed_html

        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        context["captions_language"] = getattr(getattr(page, "locale", None),
                                               "language_code", "")
        if value.get("video") and not value.get("file"):
            context["embed_html"] = embed_html(value["video"])
        return context


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CALLOUT_KINDS, default="key-idea", label=_("Kind"),
                              help_text=_("Sets the callout's heading and colour."))
    text = blocks.RichTextBlock(label=_("Callout text"),
                                help_text=_("The words shown in the box."))

    class Meta:
        icon = "pick"
        template = "sse_courses/blocks/callout.html"
        label = _("Callout")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind_label"] = dict(CALLOUT_KINDS).get(value["kind"], "")
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"),
                                    help_text=_("Choose a file learners can download, or upload one."))
    description = blocks.CharBlock(required=False, label=_("Description"),
                                   help_text=_("What the document is for, shown with the link."))

    class Meta:
        icon = "doc-full"
        template = "sse_courses/blocks/document.html"
        label = _("Downloadable document")


class GridFieldBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Grid title"),
                             help_text=_("Shown above the grid, e.g. “SWOT analysis”."))
    rows = blocks.ListBlock(
        blocks.CharBlock(label=_("Grid row heading")), label=_("Grid rows"),
        help_text=_("One heading per row, e.g. Strengths, Weaknesses."))
    columns = blocks.ListBlock(
        blocks.CharBlock(label=_("Grid column heading")), label=_("Grid columns"),
        help_text=_("One heading per column; the learner writes in each cell."))

    class Meta:
        icon = "table"
        label = _("Grid (e.g. a SWOT table)")


class ActivityFieldsBlock(blocks.StreamBlock):
    # The stored names stay "text" and "long": the value is the prompt the learner reads.
    text = blocks.CharBlock(
        label=_("Question with a one-line answer"), icon="pilcrow",
        help_text=_("The prompt the learner reads above a one-line box, e.g. “Name of your "
                    "business idea”."))
    long = blocks.CharBlock(
        label=_("Question with a multi-line answer"), icon="doc-full",
        help_text=_("The prompt the learner reads above a large box."))
    grid = GridFieldBlock()

    class Meta:
        min_num = 1
        label = _("Questions and grids")


class ActivityBlock(blocks.StructBlock):
    """A worksheet: an instruction plus fields each learner fills in and keeps."""

    title = blocks.CharBlock(label=_("Activity title"),
                             help_text=_("Shown above the activity, e.g. “Your business idea”."))
    instruction = blocks.RichTextBlock(
        label=_("Instruction"), help_text=_("What the learner is asked to do."))
    fields = ActivityFieldsBlock(
        label=_("Questions and grids"),
        help_text=_("What the learner fills in; answers are kept in the learner's progress."))

    class Meta:
        icon = "form"
        template = "sse_courses/blocks/activity.html"
        label = _("Activity")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        block_id = parent_context.get("block_id")
        saved = parent_context.get("activity_answers", {}).get(block_id, {})
        context["block_id"] = block_id
        context["form_fields"] = activity_form_fields(value, saved)
        return context


def activity_form_fields(value, saved=None):
    """The inputs of an activity as template-ready dicts, filled with saved answers."""
    saved = saved or {}
    fields = []
    for child in value["fields"]:
        if child.block_type == "grid":
            grid = child.value
            rows = [
                {
                    "label": row,
                    "cells": [
                        {
                            "name": f"{child.id}:{r}:{c}",
                            "column": column,
                            "value": saved.get(f"{child.id}:{r}:{c}", ""),
                        }
                        for c, column in enumerate(grid["columns"])
                    ],
                }
                for r, row in enumerate(grid["rows"])
            ]
            fields.append(
                {"kind": "grid", "label": grid["label"], "columns": grid["columns"], "rows": rows}
            )
        else:
            fields.append(
                {
                    "kind": child.block_type,
                    "label": child.value,
                    "name": child.id,
                    "value": saved.get(child.id, ""),
                }
            )
    return fields


def activity_input_names(value):
    """Every input name an activity accepts; anything else in a POST is refused."""
    names = []
    for field in activity_form_fields(value):
        if field["kind"] == "grid":
            names.extend(cell["name"] for row in field["rows"] for cell in row["cells"])
        else:
            names.append(field["name"])
    return names


class PackageChooserBlock(SnippetChooserBlock):
    """Chooses an H5PPackage. Its primary key is a UUID, and Wagtail's ChooserBlock
    passes a primary key on as it is: into the editor's JSON (plain json.dumps, which
    refuses a UUID), into the stored JSON and the API. Here the key always leaves as a
    string, and is compared as a string when loading."""

    def bulk_to_python(self, values):
        found = {str(pk): obj for pk, obj in self.model_class.objects.in_bulk(
            [v for v in values if v]).items()}
        return [found.get(str(value)) if value else None for value in values]

    def normalize(self, value):
        # A package or its id (e.g. body=[("h5p", {"package": "<uuid>"})]) gives a package.
        if isinstance(value, self.model_class):
            return value
        return self.to_python(value) if value else None

    def get_prep_value(self, value):
        # Stored JSON and the API representation (which uses get_prep_value).
        return None if value is None else str(value.pk)

    def get_form_state(self, value):
        # The editor's state of the chooser: {"id": pk, "string": title, "edit_url": …}.
        state = super().get_form_state(value)
        if state:
            state["id"] = str(state["id"])
        return state


class H5PBlock(blocks.StructBlock):
    """An interactive H5P activity; it counts when completed (or passed)."""

    package = PackageChooserBlock("sse_courses.H5PPackage", label=_("H5P package"),
                                  help_text=_("Choose an H5P package, or upload one."))
    completion = blocks.ChoiceBlock(
        choices=[("complete", _("When the learner completes it")),
                 ("pass", _("When the learner passes it"))],
        default="complete", label=_("Counts as done"),
        help_text=_("Used when the lesson completes with its H5P activities."),
    )

    class Meta:
        icon = "code"
        template = "sse_courses/blocks/h5p.html"
        label = _("H5P activity")

    def get_context(self, value, parent_context=None):
        from .h5p.player import player_settings

        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        context["player"] = player_settings(
            parent_context.get("request"), parent_context.get("page"),
            parent_context.get("block_id"), value["package"])
        return context


CORE_LESSON_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", blocks.RichTextBlock(icon="pilcrow", label=_("Text"),
                                       help_text=_("The lesson's text: paragraphs, lists, links."),
                                       template="sse_courses/blocks/paragraph.html")),
    ("image", ImageBlock()),
    ("video", VideoBlock()),
    ("callout", CalloutBlock()),
    ("document", DocumentBlock()),
    ("activity", ActivityBlock()),
    ("h5p", H5PBlock()),
]
CORE_BLOCK_NAMES = [name for name, _block in CORE_LESSON_BLOCKS]


class LessonBodyField(StreamField):
    """The lesson body; migrations record only the core blocks."""

    def deconstruct(self):
        # StreamField.deconstruct, restricted to the core blocks.
        name, path, _args, kwargs = models.Field.deconstruct(self)
        lookup = BlockDefinitionLookupBuilder()
        block_types = [
            (block_name, lookup.add_block(block))
            for block_name, block in self.stream_block.child_blocks.items()
            if block_name in CORE_BLOCK_NAMES
        ]
        kwargs["block_lookup"] = lookup.get_lookup_as_dict()
        return name, path, [block_types], kwargs


def register_lesson_block(name, block):
    """Add a block type to the lesson body (call from an AppConfig.ready())."""
    from .models import LessonPage

    if name in CORE_BLOCK_NAMES:
        raise ValueError(f"'{name}' is a core lesson block and cannot be replaced")
    block.set_name(name)
    LessonPage._meta.get_field("body").stream_block.child_blocks[name] = block


class ActivityAnswerForm(forms.Form):
    """Validates a POSTed activity against the inputs the block declares."""

    MAX_LENGTH = 4000

    def __init__(self, names, data):
        super().__init__(data)
        self.allowed = set(names)
        for name in names:
            self.fields[name] = forms.CharField(
                required=False, max_length=self.MAX_LENGTH, strip=True
            )

    def clean(self):
        cleaned = super().clean()
        unknown = set(self.data) - self.allowed - {"csrfmiddlewaretoken", "next"}
        if unknown:
            raise forms.ValidationError(_("This activity has no field named %(names)s.") % {
                "names": ", ".join(sorted(unknown))[:200]
            })
        return cleaned
