"""Names trainers read in the question bank, made from the question's text when the
author gave none (or only a number, like the catalog's "q1", "q2"…)."""

import html
import re

BARE_NUMBER = re.compile(r"q?\d+", re.IGNORECASE)
NAME_LENGTH = 70


def plain(text):
    text = re.sub(r"<[^>]+>", " ", str(text))
    return " ".join(html.unescape(text).split())


def readable_name(text, length=NAME_LENGTH):
    """The question's first words, cut at a word boundary: "Twenty farmers hire one truck…"."""
    words = plain(text)
    if len(words) <= length:
        return words
    cut = words[:length].rsplit(" ", 1)[0] or words[:length]
    return cut.rstrip(" ,;:.") + "…"


def is_bare(name):
    return not name.strip() or bool(BARE_NUMBER.fullmatch(name.strip()))
