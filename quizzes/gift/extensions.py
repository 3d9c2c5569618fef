"""This bank's own additions to GIFT, for what Moodle's GIFT cannot say.

- ordering: {>first >second >third} (the items in the right order);
- self-assessment: {?statement ?statement *1 Never *3 Often *5 Always !0 band !8 band}
  (statements, scale points with their score, feedback bands from a minimum score);
- options, in a comment line of the question so that Moodle ignores them:
  // [all-or-nothing] (multiple response), [case-sensitive] and [ignore-accents]
  (short answer), [unit:%] (numeric). Files written before options moved to comments
  carry them at the start of the answers; they are still read there;
- essays' rubrics, in comment lines: // [criterion:Clarity|0 unclear|2 clear]
  (a name, then levels from the weakest: points and a label; \\| and \\] for the
  characters).

Inside these texts, \\> \\? \\* \\! \\% \\- stand for the character.
"""

import re

from .syntax import escape, restore

OPTION = re.compile(r"\[(all-or-nothing|case-sensitive|ignore-accents|unit:([^\]\n]{0,20}))\]")
LEADING_OPTIONS = re.compile(rf"^(\s*{OPTION.pattern})+")
EXTRA = re.compile(r"\\([>?*!%\-])")


class GiftError(Exception):
    pass


def options_in(text):
    return {match.group(1).split(":")[0]: (match.group(2) or "").strip()
            for match in OPTION.finditer(text)}


def take_leading_options(answers):
    """Options written at the start of the answers (older files): (options, the rest)."""
    match = LEADING_OPTIONS.match(answers)
    if not match:
        return {}, answers
    return options_in(match.group(0)), answers[match.end():]


def write_options(options):
    """The comment line holding a question's options, or ""."""
    tokens = [f"[{name}:{value}]" if name == "unit" else f"[{name}]"
              for name, value in options.items()]
    return "// " + " ".join(tokens) if tokens else ""


CRITERION = re.compile(r"\[criterion:((?:\\.|[^\]\\])*)\]")


def criteria_in(comments):
    """An essay's rubric from comment lines: // [criterion:Name|0 weak|2 good|4 strong]."""
    criteria = []
    for raw in CRITERION.findall(comments):
        name, *levels = [part.replace("\\|", "|").replace("\\]", "]").strip()
                         for part in re.split(r"(?<!\\)\|", raw)]
        parsed = []
        for level in levels:
            match = re.fullmatch(r"(\d+)\s+(.+)", level, re.S)
            if not match:
                raise GiftError(f"criterion “{name}”: '{level}' needs points then a label")
            parsed.append({"points": int(match.group(1)), "label": match.group(2)})
        if not name or len(parsed) < 2:
            raise GiftError("a criterion needs a name and at least two levels")
        criteria.append({"name": name, "levels": parsed})
    return criteria


def write_criteria(criteria):
    def text(value):
        return str(value).replace("\\", "").replace("|", "\\|").replace("]", "\\]") \
            .replace("\n", " ")
    return ["// [criterion:" + "|".join(
        [text(c["name"])] + [f"{level['points']} {text(level['label'])}" for level in c["levels"]])
        + "]" for c in criteria]


def text_of(raw):
    return restore(EXTRA.sub(r"\1", raw)).strip()


def split_on(text, markers):
    """Parts that start with one of the unescaped `markers`."""
    return [part for part in re.split(rf"(?<!\\)(?=[{re.escape(markers)}])", text) if part.strip()]


def parse_ordering(answers):
    items = [text_of(part[1:]) for part in split_on(answers.strip(), ">")]
    if len(items) < 2:
        raise GiftError("an ordering question needs at least two items")
    return {"items": items}


def parse_likert(answers):
    statements, scale, bands = [], [], []
    for part in split_on(answers.strip(), "?*!"):
        marker, rest = part[0], part[1:].strip()
        if marker == "?":
            statements.append(text_of(rest))
            continue
        match = re.match(r"(-?\d+)\s+(.+)", rest, re.S)
        if not match:
            raise GiftError(f"'{marker}{restore(rest)[:30]}' needs a number then a text")
        number, text = int(match.group(1)), text_of(match.group(2))
        if marker == "*":
            scale.append({"label": text, "points": number})
        else:
            bands.append({"min_score": number, "feedback": text})
    if not statements or len(scale) < 2 or not bands:
        raise GiftError("a self-assessment needs ?statements, at least two *points and a !band")
    return {"statements": statements, "scale": scale, "bands": bands}


def escape_extra(text, markers):
    text = escape(text)
    for marker in markers:
        text = text.replace(marker, "\\" + marker)
    return text


def write_ordering(spec):
    return " ".join(f">{escape_extra(item, '>')}" for item in spec["items"])


def write_likert(spec):
    def text(value):
        return escape_extra(value, "?*!")
    return " ".join([f"?{text(s)}" for s in spec["statements"]]
                    + [f"*{p['points']} {text(p['label'])}" for p in spec["scale"]]
                    + [f"!{b['min_score']} {text(b['feedback'])}" for b in spec["bands"]])
