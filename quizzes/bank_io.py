"""GIFT files ↔ the question bank. A file with any problem saves nothing."""

import html

from django.db import transaction
from wagtail.models import Locale

from . import gift
from .models import Question, QuestionCategory

MAX_GIFT_BYTES = 2 * 1024 * 1024


def import_gift(source, default_category="", language=None, dry_run=False):
    """Returns (parsed questions, problems); saves only when there is no problem."""
    result = gift.parse(source)
    problems = list(result.problems)
    for question in result.questions:
        if not (question.category or default_category):
            problems.append((question.line, "no category: add $CATEGORY: … or choose one"))
    if problems or dry_run:
        return result.questions, sorted(problems)
    locale = Locale.objects.get(language_code=language) if language else Locale.get_default()
    with transaction.atomic():
        for parsed in result.questions:
            category, _ = QuestionCategory.objects.get_or_create(
                name=parsed.category or default_category)
            Question.objects.create(
                locale=locale, category=category, name=parsed.name[:255],
                text=text_to_rich_text(parsed.text),
                spec=[{"type": parsed.kind, "value": parsed.spec}],
                general_feedback=parsed.general_feedback,
            )
    return result.questions, []


def text_to_rich_text(text):
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())


def export_gift(questions):
    return gift.write(
        (q.category.name, q.name, gift.plain_text(q.text), q.kind, q.spec_data(),
         q.general_feedback)
        for q in questions.select_related("category").order_by("category__name", "id")
    )
