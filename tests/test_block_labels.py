"""Every field of a lesson block has its own label and a help text, and the translation
editor names a worksheet's strings by what they are (issue #19)."""

import pytest
from wagtail import blocks

from courses.blocks import CORE_BLOCK_NAMES
from courses.localize_labels import help_text_of, innermost_block
from courses.models import LessonPage


def fields_of(block, path):
    """(path, block) for every block inside `block`."""
    children = {}
    if isinstance(block, blocks.StructBlock | blocks.StreamBlock):
        children = block.child_blocks
    elif isinstance(block, blocks.ListBlock):
        children = {"item": block.child_block}
    for name, child in children.items():
        yield [*path, name], child
        yield from fields_of(child, [*path, name])


def lesson_fields():
    body = LessonPage._meta.get_field("body").stream_block
    for name in CORE_BLOCK_NAMES:
        yield from fields_of(body.child_blocks[name], [name])


def test_every_field_of_a_lesson_block_has_a_label_and_a_help_text():
    unlabelled = [".".join(path) for path, block in lesson_fields() if not block.meta.label]
    assert unlabelled == []
    # A list's items share the list's help text; containers are explained by their fields.
    leaves = [(path, block) for path, block in lesson_fields()
              if path[-1] != "item" and not isinstance(
                  block, blocks.StructBlock | blocks.StreamBlock)]
    unexplained = [".".join(path) for path, block in leaves if not help_text_of(block)]
    assert unexplained == []


def test_worksheet_prompts_are_named_as_what_the_learner_reads():
    fields = dict((".".join(path), block) for path, block in lesson_fields())
    assert fields["activity.fields.text"].label == "Question with a one-line answer"
    assert "prompt the learner reads" in str(help_text_of(fields["activity.fields.text"]))


@pytest.mark.parametrize(("field_path", "label"), [
    ("body.activity.fields.grid.rows.item", "Grid row heading"),
    ("body.activity.fields.grid.columns.item", "Grid column heading"),
    ("body.activity.fields.grid.label", "Grid title"),
    ("body.activity.fields.text", "Question with a one-line answer"),
    ("body.video.transcript", "Transcript"),
])
def test_the_translation_editor_names_each_string_by_its_own_block(field_path, label):
    block, _help_text = innermost_block(LessonPage, field_path)
    assert block.label == label
