"""GIFT's text formats: [moodle] (the default for a question's text: HTML allowed, new
lines kept), [html], [plain] and [markdown]. Answers, feedback and general feedback
take the question's format unless they name their own.

A question's text becomes rich text, sanitised with nh3: what Moodle shows as bold is
bold here, and no script, style, event handler or javascript: link gets through.
Answers and feedback are plain texts in this bank, so their markup is reduced to the
words a learner would read.
"""

import html
import re

import markdown
import nh3

FORMATS = ("moodle", "html", "plain", "markdown")
RICH_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "ul", "ol", "li", "a",
             "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "hr", "table", "thead",
             "tbody", "tr", "th", "td"}
RICH_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"},
                   "th": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}
BLOCK = re.compile(r"<(p|ul|ol|h[2-6]|blockquote|pre|table|hr)\b", re.I)
LINE_BREAKS = re.compile(r"<br\s*/?>|</(p|li|h[1-6]|blockquote|pre|tr|div)>", re.I)


def split_format(text, default):
    """(format, text) from a text that may start with [html], [plain]…; an unknown name in
    brackets is part of the text, as in Moodle."""
    text = text.strip()
    if text.startswith("["):
        end = text.find("]")
        if end != -1 and text[1:end] in FORMATS:
            return text[1:end], text[end + 1:].strip()
    return default, text


def sanitise(markup):
    return nh3.clean(markup, tags=RICH_TAGS, attributes=RICH_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="noopener noreferrer",
                     strip_comments=True).strip()


def plain_paragraphs(text):
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join("<p>" + html.escape(part).replace("\n", "<br>") + "</p>"
                   for part in paragraphs)


def to_rich_text(text, fmt):
    """The question text as sanitised HTML for the bank's rich-text field."""
    if fmt == "plain":
        return plain_paragraphs(text)
    if fmt == "markdown":
        markup = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    elif fmt == "moodle":
        # Moodle's auto-format: HTML allowed, each new line a line break.
        markup = re.sub(r">\s+<", "><", text.strip()).replace("\n", "<br>")
    else:
        markup = text
    markup = sanitise(markup)
    if markup and not BLOCK.search(markup):
        markup = f"<p>{markup}</p>"
    return markup


def to_plain(text, fmt, one_line=True):
    """What a learner reads of a text in `fmt`, as plain text."""
    if fmt == "plain":
        words = text
    else:
        if fmt == "markdown":
            text = markdown.markdown(text, output_format="html")
        text = LINE_BREAKS.sub("\n", text)
        words = html.unescape(nh3.clean(text, tags=set(), strip_comments=True))
    # Spaces and tabs are collapsed; no-break spaces (French typography) are kept.
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip(" ") for line in words.split("\n")]
    if one_line:
        return " ".join(line for line in lines if line)
    return "\n".join(lines).strip()


def rich_to_plain(markup):
    """A rich text as the words it shows (for previews and names)."""
    return to_plain(str(markup), "html", one_line=False)
