"""GIFT files ↔ the question bank. A file with any problem saves nothing; questions of
a type the bank lacks (descriptions) block the file too, unless the trainer asks to
leave them out (skip_unsupported), and then the report names each one."""

import html
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Locale
from wagtail.rich_text import expand_db_html

from . import gift
from .models import Question, QuestionCategory

MAX_GIFT_BYTES = 2 * 1024 * 1024


@dataclass
class GiftCheck:
    questions: list = field(default_factory=list)  # gift.ParsedQuestion, ready to save
    problems: list = field(default_factory=list)  # (line, message): nothing may be saved
    skipped: list = field(default_factory=list)  # (line, message): left out, as asked
    notes: list = field(default_factory=list)  # (line, message): saved, with a change


def check_gift_file(source, default_category="", skip_unsupported=False, language=None):
    """Everything the import would do with `source`, sorted by line; nothing is saved.

    skip_unsupported: descriptions are left out (listed in `skipped`)
    instead of being problems. language: where id numbers must be new (default: the
    default language)."""
    result = gift.parse(source)
    check = GiftCheck(questions=result.questions, problems=list(result.problems))
    if skip_unsupported:
        check.skipped = list(result.unsupported)
    else:
        check.problems += [(line, f"{message} (or import the file without it)")
                           for line, message in result.unsupported]
    for question in result.questions:
        if not (question.category or default_category):
            check.problems.append((question.line, "no category: add $CATEGORY: … or choose one"))
    check.notes = drop_taken_idnumbers(result.questions, default_category, language)
    check.problems.sort()
    check.skipped.sort()
    return check


def drop_taken_idnumbers(questions, default_category, language):
    """As Moodle does, an id number already used in the category is not imported."""
    locale = (Locale.objects.filter(language_code=language).first() if language else None) \
        or Locale.get_default()
    categories = {q.category or default_category for q in questions if q.idnumber}
    taken = set(Question.objects.filter(locale=locale, category__name__in=categories)
                .exclude(idnumber="").values_list("category__name", "idnumber"))
    notes = []
    for question in questions:
        key = (question.category or default_category, question.idnumber)
        if not question.idnumber:
            continue
        if key in taken:
            notes.append((question.line, f"id number “{question.idnumber}” is already used in "
                                         f"“{key[0]}”: imported without it"))
            question.idnumber = ""
        taken.add(key)
    return notes


def check_gift(source, default_category=""):
    """(parsed questions, problems sorted by line): nothing is saved."""
    check = check_gift_file(source, default_category)
    return check.questions, check.problems


@transaction.atomic
def save_gift(questions, default_category="", language=None):
    """Saves checked questions (all or none); returns the new Question rows."""
    locale = Locale.objects.get(language_code=language) if language else Locale.get_default()
    created = []
    for parsed in questions:
        category, _ = QuestionCategory.objects.get_or_create(
            name=parsed.category or default_category)
        question = Question.objects.create(
            locale=locale, category=category, name=parsed.name[:255],
            text=parsed.text_html or text_to_rich_text(parsed.text),
            spec=[{"type": parsed.kind, "value": parsed.spec}],
            general_feedback=parsed.general_feedback, idnumber=parsed.idnumber,
        )
        if parsed.tags:
            question.tags.add(*parsed.tags)
        created.append(question)
    return created


def import_gift(source, default_category="", language=None, dry_run=False,
                skip_unsupported=False):
    """The GiftCheck of `source`; its questions are saved when it has no problem."""
    check = check_gift_file(source, default_category, skip_unsupported, language)
    if not check.problems and not dry_run:
        save_gift(check.questions, default_category, language)
    return check


def text_to_rich_text(text):
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())


def export_gift(questions):
    questions = questions.select_related("category").prefetch_related("tags") \
        .order_by("category__name", "id")
    return gift.write(
        gift.GiftQuestion(
            category=q.category.name, name=q.name, text_html=expand_db_html(q.text),
            kind=q.kind, spec=q.spec_data(), general_feedback=q.general_feedback,
            tags=sorted(tag.name for tag in q.tags.all()), idnumber=q.idnumber)
        for q in questions)
