"""What the GIFT import shows before importing: each question found with its name, type,
category, text and answers (grades as percentages, the right ones marked)."""

from django.utils.translation import gettext as _

from .grades import percent_text
from .naming import is_bare, readable_name
from .question_blocks import QUESTION_TYPE_BLOCKS

KIND_LABELS = {name: block.meta.label for name, block in QUESTION_TYPE_BLOCKS}


def answer(text, note="", right=False):
    return {"text": text, "note": note, "right": right}


def answers(kind, spec):
    if kind in ("single", "multiple"):
        return [answer(c["text"], percent_text(c["fraction"]), c["fraction"] > 0)
                for c in spec["choices"]]
    if kind == "truefalse":
        return [answer(_("True"), right=spec["answer"]), answer(_("False"), right=not spec["answer"])]
    if kind == "numeric":
        unit = f" {spec['unit']}" if spec.get("unit") else ""
        return [answer(f"{a['value']:g} ± {a['tolerance']:g}{unit}", percent_text(a["fraction"]),
                       a["fraction"] > 0) for a in spec["answers"]]
    if kind == "short":
        return [answer(a["text"], percent_text(a["fraction"]), a["fraction"] > 0)
                for a in spec["answers"]]
    if kind == "matching":
        return [answer(f"{p['prompt']} → {p['match']}") for p in spec["pairs"]]
    if kind == "ordering":
        return [answer(f"{n}. {item}") for n, item in enumerate(spec["items"], start=1)]
    if kind == "likert":
        return ([answer(statement) for statement in spec["statements"]]
                + [answer(point["label"], str(point["points"])) for point in spec["scale"]])
    return []


def preview_rows(questions, default_category=""):
    return [{
        "line": q.line, "name": readable_name(q.text) if is_bare(q.name) else q.name,
        "kind": KIND_LABELS.get(q.kind, q.kind),
        "category": q.category or default_category, "text": q.text,
        "answers": answers(q.kind, q.spec), "general_feedback": q.general_feedback,
    } for q in questions]
