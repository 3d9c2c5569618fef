"""GIFT files ↔ the question bank. A file with any problem saves nothing."""

import html

from django.db import transaction
from wagtail.models import Locale

from . import gift
from .models import Question, QuestionCategory

MAX_GIFT_BYTES = 2 * 1024 * 1024


def import_gift(source, default_category="", language=None, dry_run=False):
    """Returns (parsed questions, problems); saves only when there is no problem."""
    questions, problems = check_gift(source, default_category)
    if problems or dry_run:
        return questions, problems
    save_gift(questions, default_category, language)
    return questions, []


def check_gift(source, default_category=""):
    """(parsed questions, problems sorted by line): nothing is saved."""
    result = gift.parse(source)
    problems = list(result.problems)
    for question in result.questions:
        if not (question.category or default_category):
            problems.append((question.line, "no category: add $CATEGORY: … or choose one"))
    return result.questions, sorted(problems)


@transaction.atomic
def save_gift(questions, default_category="", language=None):
    """Saves checked questions (all or none); returns the new Question rows."""
    locale = Locale.objects.get(language_code=language) if language else Locale.get_default()
    created = []
    for parsed in questions:
        category, _ = QuestionCategory.objects.get_or_create(
            name=parsed.category or default_category)
        created.append(Question.objects.create(
            locale=locale, category=category, name=parsed.name[:255],
            text=text_to_rich_text(parsed.text),
            spec=[{"type": parsed.kind, "value": parsed.spec}],
            general_feedback=parsed.general_feedback,
        ))
    return created


def text_to_rich_text(text):
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())


def export_gift(questions):
    return gift.write(
        (q.category.name, q.name, gift.plain_text(q.text), q.kind, q.spec_data(),
         q.general_feedback)
        for q in questions.select_related("category").order_by("category__name", "id")
    )
