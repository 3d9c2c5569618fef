"""GIFT's lexical rules, as Moodle's importer applies them.

Escapes: \\~ \\= \\# \\{ \\} \\: stand for the character, \\n for a new line and \\\\
for a backslash; any other backslash is kept as written. Like Moodle, the reader first
swaps escaped characters for placeholders, splits on the bare ones, then puts the
characters back (`restore`), so `split` and `find` below never see an escaped one.
"""

import re

ESCAPED = {":": "\ue001", "#": "\ue002", "=": "\ue003", "{": "\ue004", "}": "\ue005",
           "~": "\ue006", "n": "\ue007", "\\": "\ue008"}
RESTORED = {placeholder: ("\n" if char == "n" else char) for char, placeholder in ESCAPED.items()}
PRIVATE = re.compile("[\ue000-\ue00f]")
WEIGHT = re.compile(r"^%(-?\d+(?:\.\d*)?)%")
# Written by the exporter: what Moodle reads as an escape, and new lines.
WRITE_ESCAPES = str.maketrans({"\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{",
                               "}": "\\}", ":": "\\:", "\n": "\\n", "\r": ""})


def protect(text):
    """The text with its escaped characters replaced by placeholders."""
    text = PRIVATE.sub("\ufffd", text)
    return re.sub(r"\\([:#={}~n\\])", lambda m: ESCAPED[m.group(1)], text)


def restore(text):
    return re.sub("[\ue001-\ue008]", lambda m: RESTORED[m.group(0)], text)


def escape(text):
    """Plain text written so that Moodle (and this reader) give it back unchanged."""
    return str(text).translate(WRITE_ESCAPES)


def split_weight(text):
    """(fraction or None, rest) for an answer that may start with %50%."""
    match = WEIGHT.match(text)
    if not match:
        return None, text
    return float(match.group(1)) / 100, text[match.end():]


def explode(text, separator):
    """Moodle's explode-then-drop-an-empty-first-part: the answers of a question."""
    parts = text.split(separator)
    if parts and not parts[0].strip():
        parts = parts[1:]
    return parts


ID_NUMBER = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>\x00-\x1f\x7f])+)\]")


def id_and_tags(comments):
    """Moodle keeps a question's id number ([id:…], the first one) and tags ([tag:…])
    in the comment lines of its block."""
    found = ID_NUMBER.search(comments)
    idnumber = found.group(1).replace("\\]", "]").strip() if found else ""
    tags = [raw.replace("\\]", "]").strip() for raw in TAG.findall(comments)]
    return idnumber, [tag for tag in dict.fromkeys(tags) if tag]


def write_id_and_tags(idnumber, tags):
    parts = [f"[id:{idnumber.replace(']', chr(92) + ']')}]"] if idnumber else []
    parts += [f"[tag:{tag.replace(']', chr(92) + ']')}]" for tag in tags]
    return "// " + " ".join(parts) if parts else ""


CONTEXT = re.compile(r"^\$[a-z]+\$/?")


def category_name(path):
    """A $CATEGORY path as one category name: Moodle's context ($course$, $system$ …) and
    its hidden "top" category are not part of the name."""
    path = CONTEXT.sub("", path.strip()).strip()
    if path == "top" or path.startswith("top/"):
        path = path[3:].lstrip("/")
    return path.strip()


def blocks(source):
    """(first line, lines, comment lines, category) for each question of the file.

    Questions are separated by blank lines; comment lines (//) belong to the question
    they touch; `$CATEGORY:` sets the category of the questions that follow."""
    category, lines, comments, start = "", [], [], 0
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            if lines:
                yield start, lines, comments, category
            lines, comments = [], []
            continue
        if stripped.startswith("//"):
            comments.append(stripped)
            continue
        if not lines and stripped.startswith("$CATEGORY:"):
            category = category_name(stripped[len("$CATEGORY:"):])
            comments = []
            continue
        if not lines:
            start = number
        lines.append(line)
    if lines:
        yield start, lines, comments, category
