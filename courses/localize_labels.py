"""Names that read well in wagtail-localize's translation editor.

The editor names a StreamField segment by its top block and that block's direct
child only, so every string of a worksheet (prompts, grid rows, grid columns) read
"Activity › Questions and grids". Here a segment is named by the innermost block
it belongs to ("Grid row heading", "Grid column heading"…), with that block's help
text, by wrapping the editor's location function once at start-up."""

from wagtail import blocks
from wagtail.fields import StreamField


def help_text_of(block):
    return getattr(block.meta, "help_text", None) or getattr(
        getattr(block, "field", None), "help_text", None) or ""


def innermost_block(model, field_path):
    """The block a segment's field path ("body.activity.fields.grid.rows.item") ends on,
    and the nearest help text on the way (a list's items have none of their own)."""
    names = field_path.split(".")
    try:
        field = model._meta.get_field(names[0])
    except Exception:  # a relation or a removed field: leave the editor's own naming
        return None, ""
    if not isinstance(field, StreamField) or len(names) < 3:
        return None, ""
    block, help_text = field.stream_block, ""
    for name in names[1:]:
        if isinstance(block, blocks.ListBlock):
            block = block.child_block
        elif isinstance(block, blocks.StructBlock | blocks.StreamBlock):
            block = block.child_blocks.get(name)
        else:
            return None, ""
        if block is None:
            return None, ""
        help_text = help_text_of(block) or help_text
    return block, help_text


def install():
    from wagtail_localize.views import edit_translation

    # A wagtail-localize without this function keeps its own naming (the test
    # test_the_translation_editor_names_a_worksheet_s_strings then says so).
    original = getattr(edit_translation, "get_segment_location_info", None)
    if original is None or getattr(original, "sse_named", False):
        return

    def located(source_instance, tab_helper, content_path, field_path, widget=False):
        info = original(source_instance, tab_helper, content_path, field_path, widget=widget)
        block, help_text = innermost_block(type(source_instance), field_path)
        if block is not None and block.label:
            info["subField"] = str(block.label)
            info["fieldHelpText"] = str(help_text)
        return info

    located.sse_named = True
    edit_translation.get_segment_location_info = located
