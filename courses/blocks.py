"""StreamField blocks of a lesson body, and the registry other apps extend.

Another app adds a block from its AppConfig.ready():

    from courses.blocks import register_lesson_block
    register_lesson_block("quiz_embed", QuizEmbedBlock())

Registered blocks are left out of the migrations of `courses` (see
LessonBodyField), so installing or removing an extension app never creates a
migration here.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.definition_lookup import BlockDefinitionLookupBuilder
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
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
        template = "sse_courses/blocks/heading.html"
        label = _("Heading")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False, help_text=_("Describe the image for people who cannot see it.")
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "sse_courses/blocks/image.html"
        label = _("Image")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text=_("Address of the video (YouTube, Vimeo…)"))
    transcript = blocks.RichTextBlock(
        required=False, help_text=_("A transcript helps learners on slow connections.")
    )

    class Meta:
        icon = "media"
        template = "sse_courses/blocks/video.html"
        label = _("Video")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CALLOUT_KINDS, default="key-idea")
    text = blocks.RichTextBlock()

    class Meta:
        icon = "pick"
        template = "sse_courses/blocks/callout.html"
        label = _("Callout")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind_label"] = dict(CALLOUT_KINDS).get(value["kind"], "")
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    description = blocks.CharBlock(required=False)

    class Meta:
        icon = "doc-full"
        template = "sse_courses/blocks/document.html"
        label = _("Downloadable document")


class GridFieldBlock(blocks.StructBlock):
    label = blocks.CharBlock()
    rows = blocks.ListBlock(blocks.CharBlock(label=_("Row")))
    columns = blocks.ListBlock(blocks.CharBlock(label=_("Column")))

    class Meta:
        icon = "table"
        label = _("Grid (e.g. a SWOT table)")


class ActivityFieldsBlock(blocks.StreamBlock):
    text = blocks.CharBlock(label=_("One-line answer"), icon="pilcrow")
    long = blocks.CharBlock(label=_("Multi-line answer"), icon="doc-full")
    grid = GridFieldBlock()

    class Meta:
        min_num = 1


class ActivityBlock(blocks.StructBlock):
    """A worksheet: an instruction plus fields each learner fills in and keeps."""

    title = blocks.CharBlock()
    instruction = blocks.RichTextBlock()
    fields = ActivityFieldsBlock()

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

    package = PackageChooserBlock("sse_courses.H5PPackage")
    completion = blocks.ChoiceBlock(
        choices=[("complete", _("When the learner completes it")),
                 ("pass", _("When the learner passes it"))],
        default="complete",
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
    ("paragraph", blocks.RichTextBlock(icon="pilcrow", template="sse_courses/blocks/paragraph.html")),
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
