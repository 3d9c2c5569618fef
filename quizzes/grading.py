"""Server-side grading: pure functions of (question spec, learner response).

No database access: a submission grades every question from data already loaded.
A response is in the spec's own order (display shuffles are undone before this).
Each grader returns a Graded(fraction, feedback); fraction is None for questions
with no right answer (self-assessments).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext


@dataclass
class Graded:
    fraction: float | None
    feedback: list = field(default_factory=list)
    score: int | None = None  # self-assessment points
    pending: bool = False  # an essay waiting for a person to grade it


def clamp(value):
    return max(0.0, min(1.0, value))


def normalise_text(text, ignore_case=True, ignore_accents=False):
    text = " ".join(str(text).split())  # surrounding and repeated spaces never matter
    text = unicodedata.normalize("NFC", text)
    if ignore_case:
        text = text.casefold()
    if ignore_accents:
        text = "".join(c for c in unicodedata.normalize("NFD", text)
                       if unicodedata.category(c) != "Mn")
    return text


def parse_number(text):
    """A learner's number: '3.5', '3,5', ' 1 200 ', '-2'. None if it is not one."""
    if isinstance(text, int | float):
        return float(text)
    cleaned = str(text).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", cleaned):
        cleaned = cleaned.replace(",", "")  # 1,800 or 12,345.5: English thousands
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # 3,5: a decimal comma
    try:
        return float(cleaned)
    except ValueError:
        return None


def grade_single(spec, response):
    if response is None:
        return Graded(0.0)
    choice = spec["choices"][response]
    return Graded(clamp(choice["fraction"]), [choice["feedback"]] if choice["feedback"] else [])


def grade_multiple(spec, response):
    chosen = set(response or [])
    if not chosen:
        return Graded(0.0)
    choices = spec["choices"]
    total = clamp(sum(choices[i]["fraction"] for i in chosen))
    feedback = [choices[i]["feedback"] for i in sorted(chosen) if choices[i]["feedback"]]
    if not spec.get("partial_credit", True):
        right = {i for i, c in enumerate(choices) if c["fraction"] > 0}
        total = 1.0 if chosen == right else 0.0
    return Graded(total, feedback)


def grade_truefalse(spec, response):
    if response is None:
        return Graded(0.0)
    feedback = spec["feedback_true"] if response else spec["feedback_false"]
    return Graded(1.0 if response == spec["answer"] else 0.0, [feedback] if feedback else [])


def grade_numeric(spec, response):
    number = parse_number(response) if response not in (None, "") else None
    if number is None:
        return Graded(0.0)
    best = None
    for answer in spec["answers"]:
        if abs(number - answer["value"]) <= answer["tolerance"] + 1e-9:
            if best is None or answer["fraction"] > best["fraction"]:
                best = answer
    if best is None:
        other = spec.get("wrong_feedback")
        return Graded(0.0, [other] if other else [])
    return Graded(clamp(best["fraction"]), [best["feedback"]] if best["feedback"] else [])


def matches(pattern, text):
    """Moodle's short-answer pattern: * stands for any characters (\\* for a star).
    Matched part by part, left to right: no regular expression to backtrack."""
    parts = [part.replace("\\*", "*") for part in re.split(r"(?<!\\)\*", pattern)]
    if len(parts) == 1:
        return text == parts[0]
    first, *middle, last = parts
    if not text.startswith(first):
        return False
    position = len(first)
    for part in middle:
        found = text.find(part, position)
        if found == -1:
            return False
        position = found + len(part)
    return len(text) - len(last) >= position and text.endswith(last)


def grade_short(spec, response):
    if not response or not str(response).strip():
        return Graded(0.0)
    options = {"ignore_case": spec.get("ignore_case", True),
               "ignore_accents": spec.get("ignore_accents", False)}
    given = normalise_text(response, **options)
    best = None
    for answer in spec["answers"]:
        if matches(normalise_text(answer["text"], **options), given):
            if best is None or answer["fraction"] > best["fraction"]:
                best = answer
    if best is None:
        return Graded(0.0)
    return Graded(clamp(best["fraction"]), [best["feedback"]] if best["feedback"] else [])


def grade_matching(spec, response):
    """response[i] = index of the match chosen for prompt i (None if left empty)."""
    pairs = spec["pairs"]
    response = list(response or [])
    right = sum(1 for i in range(len(pairs)) if i < len(response) and response[i] == i)
    return Graded(right / len(pairs))


def grade_ordering(spec, response):
    """response = item indexes in the order the learner put them."""
    items = spec["items"]
    response = list(response or [])
    right = sum(1 for position, item in enumerate(response) if item == position)
    return Graded(right / len(items))


def grade_likert(spec, response):
    """No right answer: the total points select a feedback band."""
    scale = spec["scale"]
    chosen = [i for i in (response or []) if i is not None]
    score = sum(scale[i]["points"] for i in chosen)
    bands = sorted(spec["bands"], key=lambda band: band["min_score"])
    feedback = [band["feedback"] for band in bands if score >= band["min_score"]][-1:]
    return Graded(None, feedback, score)


def grade_essay(spec, response):
    """A person grades an answered essay (quizzes/essays.py); an empty one earns nothing."""
    if not response or not str(response).strip():
        return Graded(0.0)
    return Graded(None, pending=True)


def rubric_fraction(spec, levels):
    """The share of the rubric's points for the level chosen in each criterion."""
    criteria = spec["criteria"]
    best = sum(max(level["points"] for level in c["levels"]) for c in criteria)
    got = sum(c["levels"][chosen]["points"] for c, chosen in zip(criteria, levels, strict=True))
    return got / best if best else 0.0


GRADERS = {
    "single": grade_single,
    "multiple": grade_multiple,
    "truefalse": grade_truefalse,
    "numeric": grade_numeric,
    "short": grade_short,
    "matching": grade_matching,
    "ordering": grade_ordering,
    "likert": grade_likert,
    "essay": grade_essay,
}


def grade(kind, spec, response):
    return GRADERS[kind](spec, response)


def right_answer_text(kind, spec):
    """The right answer in words, for reviews that may show it."""
    if kind in ("single", "multiple"):
        return "; ".join(c["text"] for c in spec["choices"] if c["fraction"] > 0)
    if kind == "truefalse":
        return gettext("True") if spec["answer"] else gettext("False")
    if kind == "numeric":
        best = max(spec["answers"], key=lambda a: a["fraction"])
        tolerance = f" ± {best['tolerance']:g}" if best["tolerance"] else ""
        return f"{best['value']:g}{tolerance} {spec.get('unit') or ''}".strip()
    if kind == "short":
        return max(spec["answers"], key=lambda a: a["fraction"])["text"]
    if kind == "matching":
        return "; ".join(f"{p['prompt']} → {p['match']}" for p in spec["pairs"])
    if kind == "ordering":
        return " → ".join(spec["items"])
    return ""
