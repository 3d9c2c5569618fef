"""Read GIFT as Moodle's importer reads it (question/format/gift), type by type.

What Moodle imports and this bank holds is read the same way; descriptions (no
braces) are reported as unsupported, so that a file can be imported without them
when the trainer asks. Where Moodle would store something broken (an
answer that is not a number, no answer worth 100 %), the question is refused with
the reason, as Moodle's own question editor would.
"""

import math
import re
from dataclasses import dataclass, field

from ..grades import ALL_GRADES, NON_NEGATIVE, nearest, percent_text
from ..naming import readable_name
from . import extensions
from .extensions import GiftError
from .formats import split_format, to_plain, to_rich_text
from .syntax import blocks, explode, id_and_tags, protect, restore, split_weight

MAX_QUESTIONS = 2000
MAX_CATEGORY = 200
MAX_IDNUMBER = 100


class Unsupported(GiftError):
    """A question Moodle imports that this bank has no type for."""


@dataclass
class ParsedQuestion:
    line: int
    name: str
    text: str  # the question as plain text (previews, names, the catalog)
    kind: str
    spec: dict
    category: str = ""
    general_feedback: str = ""
    text_html: str = ""  # the question as sanitised rich text (what is saved)
    tags: list = field(default_factory=list)
    idnumber: str = ""


@dataclass
class ParseResult:
    questions: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (line, message): nothing can be saved
    unsupported: list = field(default_factory=list)  # (line, message): may be left out


def parse(source):
    result = ParseResult()
    for line, lines, comments, category in blocks(source):
        found = len(result.questions) + len(result.problems) + len(result.unsupported)
        if found >= MAX_QUESTIONS:
            result.problems.append((line, f"more than {MAX_QUESTIONS} questions in one file"))
            break
        if len(category) > MAX_CATEGORY:
            result.problems.append((line, "the category name is longer than 200 characters"))
            continue
        try:
            result.questions.append(read_question(line, lines, comments, category))
        except Unsupported as unsupported:
            result.unsupported.append((line, str(unsupported)))
        except GiftError as error:
            result.problems.append((line, str(error)))
    return result


def read_question(line, lines, comments, category):
    comment_text = "\n".join(comments)
    text = protect("\n".join(lines)).strip()
    name = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end != -1:
            name = restore(text[2:end]).strip()
            text = text[end + 2:].strip()
        else:
            text = text[2:]
    start, finish = text.find("{"), text.find("}")
    if start == -1 and finish == -1:
        label = name or readable_name(restore(text))
        raise Unsupported(f"“{label}”: description (text without answers) is not supported")
    if start == -1 or finish < start:
        raise GiftError("a { or } is missing (write \\{ and \\} for the characters)")
    answers = text[start + 1:finish].strip()
    if text.endswith("}"):
        question_text = text[:start] + text[finish + 1:]
    else:
        question_text = text[:start] + "_____" + text[finish + 1:]
    general = ""
    cut = answers.rfind("####")
    if cut != -1:
        general, answers = answers[cut + 4:], answers[:cut].strip()
    fmt, question_text = split_format(question_text, "moodle")
    source_text = restore(question_text).strip()
    plain = to_plain(source_text, fmt, one_line=False)
    if not plain:
        raise GiftError("the question has no text")
    name = name or readable_name(plain)
    general_format, general = split_format(general, fmt)
    options = extensions.options_in(comment_text)
    if answers:
        kind, spec = read_answers(answers, fmt, options)
    else:  # {}: an essay, graded by a person (quizzes/essays.py)
        kind, spec = "essay", {"criteria": extensions.criteria_in(comment_text),
                               "grader_info": "", "response_lines": 10}
    idnumber, tags = id_and_tags(comment_text)
    if len(idnumber) > MAX_IDNUMBER:
        raise GiftError(f"the id number is longer than {MAX_IDNUMBER} characters")
    return ParsedQuestion(
        line=line, name=name[:255], text=plain, kind=kind, spec=spec, category=category,
        general_feedback=to_plain(restore(general), general_format, one_line=False),
        text_html=to_rich_text(source_text, fmt), tags=[tag[:100] for tag in tags],
        idnumber=idnumber)


def read_answers(answers, fmt, options):
    """(kind, spec) from the text between the braces, in Moodle's order of tests."""
    legacy, answers = extensions.take_leading_options(answers)
    options = {**options, **legacy}
    answers = answers.strip()
    if answers.startswith("#"):
        return "numeric", read_numeric(answers[1:], fmt, options)
    if answers.startswith(">"):
        return "ordering", extensions.parse_ordering(answers)
    if answers.startswith("?"):
        return "likert", extensions.parse_likert(answers)
    if "~" in answers:
        return read_choices(answers, fmt, options)
    if "=" in answers and "->" in answers:
        return "matching", read_matching(answers, fmt)
    head = answers[:answers.find("#")].strip() if "#" in answers else answers
    if head in ("T", "TRUE", "F", "FALSE"):
        return "truefalse", read_truefalse(answers, fmt)
    return "short", read_short(answers, fmt, options)


def formatted(raw, fmt):
    """A part of an answer in its own format ([html]… at its start) or the question's."""
    own, text = split_format(raw, fmt)
    return to_plain(restore(text), own)


def with_feedback(raw, fmt, plain_answer=False):
    """(answer, feedback) of `answer#feedback`; a short or numeric answer stays as written."""
    answer, _hash, feedback = raw.partition("#")
    if plain_answer:
        answer = restore(split_format(answer, fmt)[1]).strip()
    else:
        answer = formatted(answer, fmt)
    return answer, formatted(feedback, fmt) if feedback.strip() else ""


def grade(fraction, grades, answer):
    """The fraction as one of Moodle's grades (within half a percent, as when Moodle
    matches an imported grade to its list)."""
    chosen = nearest(fraction, grades)
    if abs(chosen - fraction) > 0.005:
        raise GiftError(f"“{answer}”: {fraction * 100:g} % is not one of Moodle's grades "
                        "(100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, "
                        "20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5 or 0 %"
                        + (", or minus one of them)" if grades is ALL_GRADES else ")"))
    return chosen


def read_choices(answers, fmt, options):
    single = "=" in answers
    choices = []
    for part in explode(answers.replace("=", "~="), "~"):
        part = part.strip()
        if part.startswith("="):
            weight, part = split_weight(part[1:])
            weight = 1.0 if weight is None else weight
        else:
            weight, part = split_weight(part)
            weight = 0.0 if weight is None else weight
        text, feedback = with_feedback(part, fmt)
        if text:  # Moodle leaves out an answer without text
            choices.append({"text": text, "fraction": grade(weight, ALL_GRADES, text),
                            "feedback": feedback})
    if len(choices) < 2:
        raise GiftError("a choice question needs at least two answers")
    if single:
        best = max(choice["fraction"] for choice in choices)
        if best < 1:
            raise GiftError(f"no answer is worth 100 % (the best is {percent_text(best)}): "
                            "mark the right one with =")
        return "single", {"choices": choices}
    total = round(sum(c["fraction"] for c in choices if c["fraction"] > 0), 2)
    if total != 1:
        raise GiftError(f"the positive grades add up to {total * 100:g} %, not 100 %")
    return "multiple", {"choices": choices, "partial_credit": "all-or-nothing" not in options}


def read_matching(answers, fmt):
    pairs, distractors = [], []
    for part in explode(answers, "="):
        if "->" not in part:
            raise GiftError("every matching answer is written =prompt -> match")
        prompt, match = part.split("->", 1)
        prompt, match = formatted(prompt, fmt), restore(match).strip()
        if not match:
            raise GiftError(f"“{prompt}” has nothing to match after ->")
        if prompt:
            pairs.append({"prompt": prompt, "match": match})
        else:
            distractors.append(match)  # = -> text: a wrong match offered to every prompt
    if len(pairs) < 2:
        raise GiftError("a matching question needs at least two pairs")
    return {"pairs": pairs, "distractors": distractors}


def read_truefalse(answers, fmt):
    value, *feedback = answers.split("#", 2)
    wrong, right = ([formatted(text, fmt) for text in feedback] + ["", ""])[:2]
    answer = value.strip() in ("T", "TRUE")
    return {"answer": answer, "feedback_true": right if answer else wrong,
            "feedback_false": wrong if answer else right}


def read_short(answers, fmt, options):
    entries = []
    for part in explode(answers, "="):
        weight, part = split_weight(part.strip())
        text, feedback = with_feedback(part, fmt, plain_answer=True)
        if text:  # Moodle leaves out an answer without text
            weight = 1.0 if weight is None else weight
            entries.append({"text": text, "fraction": grade(weight, NON_NEGATIVE, text),
                            "feedback": feedback})
    if not entries:
        raise GiftError("a short-answer question needs an answer")
    require_full_marks(entries)
    return {"answers": entries, "ignore_case": "case-sensitive" not in options,
            "ignore_accents": "ignore-accents" in options}


def require_full_marks(entries):
    best = max(entry["fraction"] for entry in entries)
    if best < 1:
        raise GiftError(f"no answer is worth 100 % (the best is {percent_text(best)})")


NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def number(text):
    """A number as PHP's is_numeric takes it (no 'inf', 'nan' or 1_000)."""
    text = text.strip()
    if not NUMBER.fullmatch(text):
        raise GiftError(f"'{text}' is not a number (write = and # inside feedback as \\= "
                        "and \\#)")
    value = float(text)
    if not math.isfinite(value):
        raise GiftError(f"'{text}' is not a finite number")
    return value


def read_numeric(body, fmt, options):
    wrong_feedback = ""
    cut = body.find("~")
    if cut != -1:  # ~#feedback: the feedback for any other answer
        body, wrong = body[:cut], body[cut + 1:]
        wrong_feedback = formatted(wrong.partition("#")[2], fmt)
    entries = []
    for part in explode(body, "="):
        weight, part = split_weight(part.strip())
        weight = 1.0 if weight is None else weight
        value, feedback = with_feedback(part, fmt, plain_answer=True)
        if value == "*":  # Moodle's "any other answer"
            if weight:
                raise GiftError("'*' (any other answer) cannot earn marks")
            wrong_feedback = wrong_feedback or feedback
            continue
        low_high = value.find("..")
        if low_high > 0:
            low, high = number(value[:low_high]), number(value[low_high + 2:])
            centre, tolerance = (low + high) / 2, (high - low) / 2
        elif value.find(":") > 0:
            centre, tolerance = (number(v) for v in value.split(":", 1))
        else:
            centre, tolerance = number(value), 0.0
        entries.append({"value": centre, "tolerance": abs(tolerance),
                        "fraction": grade(weight, NON_NEGATIVE, value), "feedback": feedback})
    if not entries:
        raise GiftError("a numeric question needs an answer")
    require_full_marks(entries)
    return {"answers": entries, "unit": options.get("unit", ""), "wrong_feedback": wrong_feedback}
