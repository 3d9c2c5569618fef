"""Another app can add a block to the lesson body without touching courses' migrations."""

import pytest
from wagtail import blocks

from courses.blocks import CORE_BLOCK_NAMES, register_lesson_block
from courses.models import LessonPage


@pytest.fixture
def registered_block():
    stream_block = LessonPage._meta.get_field("body").stream_block
    register_lesson_block("note", blocks.CharBlock(template="sse_courses/blocks/heading.html"))
    yield
    del stream_block.child_blocks["note"]


def test_registered_block_is_usable_in_lessons(registered_block):
    stream_block = LessonPage._meta.get_field("body").stream_block
    assert "note" in stream_block.child_blocks
    value = stream_block.to_python([{"type": "note", "value": "Hello", "id": "n1"}])
    assert value[0].render() == '<h2 class="block-heading">Hello</h2>\n'


def test_registered_block_stays_out_of_migrations(registered_block):
    _name, _path, args, _kwargs = LessonPage._meta.get_field("body").deconstruct()
    assert [name for name, _ in args[0]] == CORE_BLOCK_NAMES


def test_core_blocks_cannot_be_replaced():
    with pytest.raises(ValueError):
        register_lesson_block("activity", blocks.CharBlock())


@pytest.mark.django_db
def test_models_and_migrations_agree():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
