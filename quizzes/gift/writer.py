"""Write the bank as GIFT that Moodle imports as it was, and this reader too.

As Moodle's exporter does: the question text as [html], every other text in the
question's format (so plain answers are HTML-escaped: "->" in a prompt is written
"-&gt;"), only Moodle's escapes (\\~ \\= \\# \\{ \\} \\: \\n \\\\), the id number and
tags in a comment line. This bank's options go in a comment line too, where Moodle
ignores them; ordering and self-assessment questions have no Moodle equivalent and
are written in this bank's own syntax, marked by a comment.
"""

import html
from dataclasses import dataclass, field

from . import extensions
from .extensions import GiftError
from .syntax import escape, write_id_and_tags


@dataclass
class GiftQuestion:
    category: str
    name: str
    text_html: str
    kind: str
    spec: dict
    general_feedback: str = ""
    tags: list = field(default_factory=list)
    idnumber: str = ""


def as_html(text):
    """A plain text written in the question's [html] format."""
    markup = html.escape(str(text), quote=False).replace("\n", "<br>")
    if markup.startswith(("%", "[")):  # would read as a grade or a format
        markup = f"&#{ord(markup[0])};{markup[1:]}"
    return escape(markup)


def weight(fraction):
    text = f"{round(fraction * 100, 5):.5f}".rstrip("0").rstrip(".")
    return f"%{'0' if text in ('', '-0') else text}%"


def number(value):
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def feedback(text):
    return f"#{as_html(text)}" if text else ""


def choice_lines(spec, single):
    lines = []
    for choice in spec["choices"]:
        fraction = choice["fraction"]
        if single and fraction >= 0.9999999:
            prefix = "="
        else:
            prefix = "~" + (weight(fraction) if fraction else "")
        lines.append(prefix + as_html(choice["text"]) + feedback(choice["feedback"]))
    return lines


def answer_lines(kind, spec):
    if kind in ("single", "multiple"):
        return choice_lines(spec, single=kind == "single")
    if kind == "numeric":
        lines = [f"={weight(a['fraction'])}{number(a['value'])}:{number(a['tolerance'])}"
                 + feedback(a["feedback"]) for a in spec["answers"]]
        if spec.get("wrong_feedback"):
            lines.append("~" + feedback(spec["wrong_feedback"]))
        return lines
    if kind == "short":
        return [f"={weight(a['fraction'])}{escape(a['text'])}" + feedback(a["feedback"])
                for a in spec["answers"]]
    if kind == "matching":
        return ([f"={as_html(p['prompt'])} -> {escape(p['match'])}" for p in spec["pairs"]]
                + [f"= -> {escape(text)}" for text in spec.get("distractors") or []])
    raise GiftError(f"cannot write a {kind} question")


def inline_answers(kind, spec):
    """The answers of types written on one line, or None."""
    if kind == "truefalse":
        right, wrong = ((spec["feedback_true"], spec["feedback_false"]) if spec["answer"]
                        else (spec["feedback_false"], spec["feedback_true"]))
        text = "TRUE" if spec["answer"] else "FALSE"
        if wrong or right:
            text += f"#{as_html(wrong) if wrong else ''}" + (f"#{as_html(right)}" if right else "")
        return text
    if kind == "ordering":
        return extensions.write_ordering(spec)
    if kind == "likert":
        return extensions.write_likert(spec)
    if kind == "essay":
        return ""
    return None


def options_of(kind, spec):
    options = {}
    if kind == "multiple" and not spec.get("partial_credit", True):
        options["all-or-nothing"] = ""
    if kind == "short":
        if not spec.get("ignore_case", True):
            options["case-sensitive"] = ""
        if spec.get("ignore_accents"):
            options["ignore-accents"] = ""
    if kind == "numeric" and spec.get("unit"):
        options["unit"] = spec["unit"].replace("]", "")
    return options


def write_question(question):
    lines = [line for line in (
        write_id_and_tags(question.idnumber, question.tags),
        extensions.write_options(options_of(question.kind, question.spec)),
        "// an SSE Academy question type, which Moodle does not have"
        if question.kind in ("ordering", "likert") else "",
        *(extensions.write_criteria(question.spec.get("criteria") or [])
          if question.kind == "essay" else []),
    ) if line]
    head = f"::{escape(question.name)}::[html]{escape(question.text_html.strip())}"
    general = f"####{as_html(question.general_feedback)}" if question.general_feedback else ""
    inline = inline_answers(question.kind, question.spec)
    if inline is not None:
        lines.append(f"{head}{{{inline}{general}}}")
    else:
        body = [f"\t{line}" for line in answer_lines(question.kind, question.spec)]
        if general:
            body.append(f"\t{general}")
        opening = "{#" if question.kind == "numeric" else "{"
        lines.append("\n".join([head + opening, *body, "}"]))
    return "\n".join(lines) + "\n"


def write(questions):
    """GIFT text for GiftQuestion items, grouped by category as they come."""
    out, category = [], None
    for question in questions:
        if question.category != category:
            out.append(f"$CATEGORY: {question.category}\n")
            category = question.category
        out.append(write_question(question))
    return "\n".join(out)
