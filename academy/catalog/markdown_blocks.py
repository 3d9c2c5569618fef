"""A lesson's Markdown body → raw StreamField data for LessonPage.body."""

import markdown
import yaml

from .identifiers import block_id

FIELD_KINDS = ("text", "long", "grid")
CALLOUT_KINDS = ("key-idea", "example", "tip")


def markdown_to_html(text):
    return markdown.markdown(text.strip(), extensions=["sane_lists"]) if text.strip() else ""


def parse_lesson_body(body, lesson_key, path, first_line, error):
    """Split the body into paragraphs, headings, callouts and activities."""
    blocks, prose = [], []
    counters = {"activity": 0, "block": 0}

    def add(block_type, value, label=None):
        counters["block"] += 1
        blocks.append({
            "type": block_type,
            "value": value,
            "id": block_id(lesson_key, label or f"block-{counters['block']}"),
        })

    def flush_prose():
        html = markdown_to_html("\n".join(prose))
        if html:
            add("paragraph", html)
        prose.clear()

    lines = body.split("\n")
    index = 0
    while index < len(lines):
        line, number = lines[index], first_line + index
        stripped = line.strip()
        if stripped.startswith("## "):
            flush_prose()
            add("heading", stripped[3:].strip())
        elif stripped.startswith(":::") and stripped != ":::":
            flush_prose()
            name, _, argument = stripped[3:].strip().partition(" ")
            try:
                end = next(j for j in range(index + 1, len(lines)) if lines[j].strip() == ":::")
            except StopIteration:
                raise error(path, number, f"':::{name}' is not closed by a ':::' line") from None
            content = "\n".join(lines[index + 1:end])
            if name == "callout":
                kind = argument.strip()
                if kind not in CALLOUT_KINDS:
                    raise error(path, number, f"callout kind must be one of {', '.join(CALLOUT_KINDS)}")
                add("callout", {"kind": kind, "text": markdown_to_html(content)})
            elif name == "activity":
                counters["activity"] += 1
                label = f"activity-{counters['activity']}"
                value = parse_activity(content, lesson_key, label, path, number, error)
                add("activity", value, label)
            else:
                raise error(path, number, f"unknown directive ':::{name}'")
            index = end
        else:
            prose.append(line)
        index += 1
    flush_prose()
    return blocks


def parse_activity(content, lesson_key, label, path, line, error):
    try:
        data = yaml.safe_load(content) or {}
    except yaml.YAMLError as exc:
        raise error(path, line, f"invalid YAML in activity: {exc}") from None
    if not isinstance(data, dict) or not data.get("title") or not data.get("instruction"):
        raise error(path, line, "an activity needs 'title' and 'instruction'")
    fields = data.get("fields") or []
    if not isinstance(fields, list) or not fields:
        raise error(path, line, "an activity needs a list of 'fields'")
    children = []
    for position, spec in enumerate(fields, start=1):
        kind = next((k for k in FIELD_KINDS if isinstance(spec, dict) and k in spec), None)
        if kind is None:
            raise error(path, line, f"field {position} must be one of {', '.join(FIELD_KINDS)}")
        field_id = block_id(lesson_key, f"{label}-field-{position}")
        if kind == "grid":
            rows, columns = spec.get("rows"), spec.get("columns")
            if not rows or not columns:
                raise error(path, line, f"grid field {position} needs 'rows' and 'columns'")
            value = {
                "label": str(spec["grid"]),
                "rows": [{"type": "item", "value": str(r), "id": block_id(field_id, f"row-{i}")}
                         for i, r in enumerate(rows)],
                "columns": [{"type": "item", "value": str(c), "id": block_id(field_id, f"col-{i}")}
                            for i, c in enumerate(columns)],
            }
        else:
            value = str(spec[kind])
        children.append({"type": kind, "value": value, "id": field_id})
    return {
        "title": str(data["title"]),
        "instruction": markdown_to_html(str(data["instruction"])),
        "fields": children,
    }


def activity_shape(block):
    """What must match across languages: field kinds and grid sizes."""
    shape = []
    for child in block["value"]["fields"]:
        if child["type"] == "grid":
            shape.append(("grid", len(child["value"]["rows"]), len(child["value"]["columns"])))
        else:
            shape.append((child["type"],))
    return shape
