"""GIFT (Moodle's text format) for the question bank: parse and write.

Standard GIFT: single choice {=right ~wrong}, multiple response {~%50%a ~%50%b ~%-100%c},
true/false {T} {F} (with #wrong-feedback#right-feedback), short answer {=a =b},
numeric {#3.5:0.1} or {#=3.5:0.1 =%50%3:1} or {#1..5}, matching {=prompt -> match},
`#feedback` after an answer, `####general feedback`, `$CATEGORY: name`, `::name::`,
`//` comments, and the escapes \\~ \\= \\# \\{ \\} \\:.

Extensions for what GIFT has no syntax for (documented in the README):
- ordering: {>first >second >third} (items in the right order);
- self-assessment: {?statement ?statement *1 Never *3 Often *5 Always !0 band text !8 band text}
  (statements, scale points with their score, feedback bands from a minimum score);
- options at the start of the answers: [all-or-nothing] (multiple response),
  [case-sensitive] and [ignore-accents] (short answer), [unit: %] (numeric).
"""

import html
import math
import re
from dataclasses import dataclass, field

ESCAPABLE = "~=#{}:"  # plus, where a type needs it: > (ordering, matching), ? * ! (likert)
MAX_QUESTIONS = 2000


@dataclass
class ParsedQuestion:
    line: int
    name: str
    text: str
    kind: str
    spec: dict
    category: str = ""
    general_feedback: str = ""


@dataclass
class ParseResult:
    questions: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (line, message)


class GiftError(Exception):
    pass


def unescape(text):
    return re.sub(r"\\([~=#{}:>?*!%\-\\n])",
                  lambda m: "\n" if m.group(1) == "n" else m.group(1), text).strip()


def escape(text, extra=""):
    text = str(text).replace("\\", "\\\\")
    for char in ESCAPABLE + extra:
        text = text.replace(char, "\\" + char)
    if text.startswith("%"):  # would read as a weight
        text = "\\" + text
    return text.replace("\n", "\\n")


def split_unescaped(text, separators):
    """Split before each unescaped separator character; keep the separator."""
    parts, current, index = [], "", 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current += text[index:index + 2]
            index += 2
            continue
        if char in separators:
            if current.strip():
                parts.append(current)
            current = char
        else:
            current += char
        index += 1
    if current.strip():
        parts.append(current)
    return parts


def find_unescaped(text, char, start=0):
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == char:
            return index
        index += 1
    return -1


def chunks(source):
    """(first line number, text) of each question, with the current category."""
    category, buffer, start, depth = "", [], 0, 0
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.rstrip()
        if not buffer and (not line.strip() or line.lstrip().startswith("//")):
            continue
        if not buffer and line.startswith("$CATEGORY:"):
            category = line.split(":", 1)[1].strip()
            continue
        if line.lstrip().startswith("//"):
            continue
        if not buffer:
            start = number
        if not line.strip() and depth <= 0:
            yield start, "\n".join(buffer), category
            buffer, depth = [], 0
            continue
        buffer.append(line)
        depth += len(re.findall(r"(?<!\\)\{", line)) - len(re.findall(r"(?<!\\)\}", line))
    if buffer:
        yield start, "\n".join(buffer), category


def parse_weight(part):
    match = re.match(r"%(-?\d+(?:\.\d+)?)%", part)
    if not match:
        return None, part
    return float(match.group(1)) / 100, part[match.end():]


def answer_and_feedback(part):
    cut = find_unescaped(part, "#")
    if cut == -1:
        return unescape(part), ""
    return unescape(part[:cut]), unescape(part[cut + 1:])


OPTION = re.compile(r"\s*\[(all-or-nothing|case-sensitive|ignore-accents|unit:([^\]]{0,20}))\]")


def parse_options(body):
    options, offset = {}, 0
    for _ in range(4):  # at most one of each option
        match = OPTION.match(body, offset)
        if not match:
            break
        options[match.group(1).split(":")[0]] = (match.group(2) or "").strip()
        offset = match.end()
    return options, body[offset:]


def split_arrow(part):
    """'prompt -> match', where neither side's escaped characters count."""
    index = 0
    while index < len(part) - 1:
        if part[index] == "\\":
            index += 2
            continue
        if part[index:index + 2] == "->":
            return part[:index], part[index + 2:]
        index += 1
    return None


def parse_answers(body):
    """(kind, spec, general feedback) from the text between the braces."""
    general = ""
    cut = body.find("####")
    if cut != -1:
        body, general = body[:cut], unescape(body[cut + 4:])
    options, body = parse_options(body)
    stripped = body.strip()
    if not stripped:
        raise GiftError("essay questions ({}) are not supported")
    if re.fullmatch(r"(T|F|TRUE|FALSE)(#.*)?", stripped, re.S):
        value, *feedback = split_on_hash(stripped)
        wrong, right = (feedback + ["", ""])[:2]
        answer = value in ("T", "TRUE")
        return "truefalse", {
            "answer": answer,
            "feedback_true": unescape(right if answer else wrong),
            "feedback_false": unescape(wrong if answer else right),
        }, general
    if stripped.startswith("#"):
        return "numeric", {**parse_numeric(stripped[1:]), "unit": options.get("unit", "")}, general
    if stripped.startswith(">"):
        items = [unescape(part[1:]) for part in split_unescaped(stripped, ">")]
        if len(items) < 2:
            raise GiftError("an ordering question needs at least two items")
        return "ordering", {"items": items}, general
    if stripped.startswith("?"):
        return "likert", parse_likert(stripped), general
    parts = split_unescaped(stripped, "~=")
    if any(split_arrow(part) for part in parts):
        pairs = []
        for part in parts:
            halves = split_arrow(part[1:]) if part.startswith("=") else None
            if halves is None:
                raise GiftError("every matching answer is written =prompt -> match")
            pairs.append({"prompt": unescape(halves[0]), "match": unescape(halves[1])})
        if len(pairs) < 2:
            raise GiftError("a matching question needs at least two pairs")
        return "matching", {"pairs": pairs}, general
    if all(part.startswith("=") for part in parts):
        answers = []
        for part in parts:
            weight, rest = parse_weight(part[1:])
            text, feedback = answer_and_feedback(rest)
            answers.append({"text": text, "fraction": 1.0 if weight is None else weight,
                            "feedback": feedback})
        return "short", {"answers": answers, "ignore_case": "case-sensitive" not in options,
                         "ignore_accents": "ignore-accents" in options}, general
    choices, has_equals = [], False
    for part in parts:
        weight, rest = parse_weight(part[1:])
        text, feedback = answer_and_feedback(rest)
        if part.startswith("="):
            has_equals = True
            weight = 1.0 if weight is None else weight
        choices.append({"text": text, "fraction": weight or 0.0, "feedback": feedback})
    if len(choices) < 2:
        raise GiftError("a choice question needs at least two answers")
    if has_equals:
        if sum(1 for c in choices if c["fraction"] >= 1) != 1:
            raise GiftError("a single-choice question has exactly one =right answer")
        return "single", {"choices": choices}, general
    if not any(c["fraction"] > 0 for c in choices):
        raise GiftError("no answer is right: give one =answer or a positive %weight%")
    return "multiple", {"choices": choices,
                        "partial_credit": "all-or-nothing" not in options}, general


def split_on_hash(text):
    parts, current, index = [], "", 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text):
            current += text[index:index + 2]
            index += 2
            continue
        if text[index] == "#":
            parts.append(current)
            current = ""
        else:
            current += text[index]
        index += 1
    parts.append(current)
    return [parts[0].strip()] + parts[1:]


def parse_number(text):
    try:
        number = float(text.strip())
    except ValueError:
        raise GiftError(f"'{text.strip()}' is not a number") from None
    if math.isnan(number) or math.isinf(number):
        raise GiftError(f"'{text.strip()}' is not a finite number")
    return number


def parse_numeric(body):
    answers = []
    parts = split_unescaped(body, "=") if body.strip().startswith("=") else [body]
    for part in parts:
        part = part[1:] if part.startswith("=") else part
        weight, rest = parse_weight(part)
        value_text, feedback = answer_and_feedback(rest)
        if ".." in value_text:
            low, high = (parse_number(v) for v in value_text.split("..", 1))
            value, tolerance = (low + high) / 2, (high - low) / 2
        elif ":" in value_text:
            value, tolerance = (parse_number(v) for v in value_text.split(":", 1))
        else:
            value, tolerance = parse_number(value_text), 0.0
        answers.append({"value": value, "tolerance": abs(tolerance),
                        "fraction": 1.0 if weight is None else weight, "feedback": feedback})
    return {"answers": answers, "unit": ""}


def parse_likert(body):
    statements, scale, bands = [], [], []
    for part in split_unescaped(body, "?*!"):
        marker, rest = part[0], part[1:].strip()
        if marker == "?":
            statements.append(unescape(rest))
            continue
        match = re.match(r"(-?\d+)\s+(.+)", rest, re.S)
        if not match:
            raise GiftError(f"'{marker}{rest[:30]}' needs a number then a text")
        number, text = int(match.group(1)), unescape(match.group(2))
        if marker == "*":
            scale.append({"label": text, "points": number})
        else:
            bands.append({"min_score": number, "feedback": text})
    if not statements or len(scale) < 2 or not bands:
        raise GiftError("a self-assessment needs ?statements, at least two *points and a !band")
    return {"statements": statements, "scale": scale, "bands": bands}


def parse(source):
    result = ParseResult()
    for line, chunk, category in chunks(source):
        if len(result.questions) + len(result.problems) >= MAX_QUESTIONS:
            result.problems.append((line, f"more than {MAX_QUESTIONS} questions in one file"))
            break
        if len(category) > 200:
            result.problems.append((line, "the category name is longer than 200 characters"))
            continue
        try:
            result.questions.append(parse_question(line, chunk, category))
        except GiftError as error:
            result.problems.append((line, str(error)))
    return result


def parse_question(line, chunk, category):
    name = ""
    text = chunk.strip()
    match = re.match(r"::(.*?)(?<!\\)::", text, re.S)
    if match:
        name, text = unescape(match.group(1)), text[match.end():]
    text = re.sub(r"^\[(html|moodle|plain|markdown)\]", "", text.strip())
    opening = find_unescaped(text, "{")
    if opening == -1:
        raise GiftError("no answers: a question needs { … }")
    closing = find_unescaped(text, "}", opening)
    if closing == -1:
        raise GiftError("the answers are not closed by }")
    question_text = unescape(text[:opening] + " _____ " + text[closing + 1:]) \
        if text[closing + 1:].strip() else unescape(text[:opening])
    if not question_text:
        raise GiftError("the question has no text")
    kind, spec, general = parse_answers(text[opening + 1:closing])
    return ParsedQuestion(line, name or question_text[:60], question_text, kind, spec,
                          category, general)


# ---- writing -------------------------------------------------------------------

def weight(fraction):
    return f"%{fraction * 100:g}%"


def feedback_suffix(text):
    return f"#{escape(text)}" if text else ""


def write_answers(kind, spec):
    if kind == "single":
        return " ".join(("=" if c["fraction"] >= 1 else "~")
                        + (weight(c["fraction"]) if 0 < c["fraction"] < 1 else "")
                        + escape(c["text"]) + feedback_suffix(c["feedback"])
                        for c in spec["choices"])
    if kind == "multiple":
        prefix = "" if spec.get("partial_credit", True) else "[all-or-nothing] "
        return prefix + " ".join(f"~{weight(c['fraction'])}{escape(c['text'])}"
                                 + feedback_suffix(c["feedback"]) for c in spec["choices"])
    if kind == "truefalse":
        right, wrong = ((spec["feedback_true"], spec["feedback_false"]) if spec["answer"]
                        else (spec["feedback_false"], spec["feedback_true"]))
        value = "TRUE" if spec["answer"] else "FALSE"
        return value + (f"#{escape(wrong)}#{escape(right)}" if (right or wrong) else "")
    if kind == "numeric":
        unit = f"[unit: {spec['unit']}] " if spec.get("unit") else ""
        return unit + "#" + " ".join(f"={weight(a['fraction'])}{a['value']:g}:{a['tolerance']:g}"
                              + feedback_suffix(a["feedback"]) for a in spec["answers"])
    if kind == "short":
        options = ("" if spec.get("ignore_case", True) else "[case-sensitive] ") + (
            "[ignore-accents] " if spec.get("ignore_accents") else "")
        return options + " ".join(f"={weight(a['fraction'])}{escape(a['text'])}"
                                  + feedback_suffix(a["feedback"]) for a in spec["answers"])
    if kind == "matching":
        return " ".join(f"={escape(p['prompt'], '>')} -> {escape(p['match'], '>')}"
                        for p in spec["pairs"])
    if kind == "ordering":
        return " ".join(f">{escape(item, '>')}" for item in spec["items"])
    if kind == "likert":
        def lk(text):
            return escape(text, "?*!")
        return " ".join([f"?{lk(s)}" for s in spec["statements"]]
                        + [f"*{p['points']} {lk(p['label'])}" for p in spec["scale"]]
                        + [f"!{b['min_score']} {lk(b['feedback'])}" for b in spec["bands"]])
    raise GiftError(f"cannot write a {kind} question")


def plain_text(rich_text):
    text = re.sub(r"</p>\s*<p[^>]*>", "\n", str(rich_text))
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def write(questions):
    """GIFT text for (category name, name, text, kind, spec, general feedback) tuples."""
    out, category = [], None
    for cat, name, text, kind, spec, general in questions:
        if cat != category:
            out.append(f"$CATEGORY: {cat}\n")
            category = cat
        general_part = f" ####{escape(general)}" if general else ""
        out.append(f"::{escape(name)}:: {escape(text)} {{{write_answers(kind, spec)}{general_part}}}\n")
    return "\n".join(out)
