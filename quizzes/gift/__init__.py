"""GIFT, Moodle's text format for questions, read and written as Moodle does (README,
"Quizzes": the constructs, one by one). syntax: escapes, blocks, categories, id numbers
and tags; formats: [moodle] [html] [plain] [markdown]; reader and writer; extensions:
this bank's ordering and self-assessment types and its options."""

from .extensions import GiftError
from .formats import rich_to_plain
from .reader import MAX_QUESTIONS, ParsedQuestion, ParseResult, Unsupported, parse
from .writer import GiftQuestion, write

__all__ = ["GiftError", "GiftQuestion", "MAX_QUESTIONS", "ParseResult", "ParsedQuestion",
           "Unsupported", "parse", "rich_to_plain", "write"]
