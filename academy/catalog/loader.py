"""Write the catalog into Wagtail: idempotent, updates pages in place by stable key.

Loading twice gives the same pages. Nothing here touches learners' data: progress,
answers and attempts are keyed by translation_key, which the loader keeps stable.
"""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from quizzes.bank_io import text_to_rich_text
from quizzes.models import Question, QuestionCategory, QuizPage
from quizzes.naming import is_bare, readable_name

from .identifiers import translation_key
from .parser import Quiz, course_dirs, read_course

COURSES_KEY = translation_key("site", "courses")
CATALOGUE_SLUGS = {"en": "courses", "fr": "cours", "es": "cursos"}


class Loader:
    def __init__(self, languages, log=print):
        self.languages = languages
        self.log = log
        self.counts = {"created": 0, "updated": 0, "unchanged": 0}

    def locale(self, language):
        return Locale.objects.get_or_create(language_code=language)[0]

    def upsert(self, model, key, language, parent, fields):
        """Create or update the page with this key in this language, then publish it."""
        locale = self.locale(language)
        page = model.objects.filter(translation_key=key, locale=locale).first()
        if page is None:
            page = model(translation_key=key, locale=locale, **fields)
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.counts["created"] += 1
            return page
        changed = [name for name, value in fields.items() if field_value(page, name) != raw(value)]
        if page.get_parent().id != parent.id:
            page.move(parent, pos="last-child")
            page.refresh_from_db()
            changed.append("parent")
        if changed or not page.live or page.has_unpublished_changes:
            for name, value in fields.items():
                setattr(page, name, value)
            page.save_revision().publish()
            self.counts["updated"] += 1
        else:
            self.counts["unchanged"] += 1
        return page

    def order_children(self, parent, pages):
        """Keep siblings in catalog order (a lesson added later may belong in the middle)."""
        current = list(parent.get_children().filter(id__in=[p.id for p in pages]).values_list(
            "id", flat=True))
        if current != [p.id for p in pages]:
            for page in pages:
                Page.objects.get(id=page.id).move(parent, pos="last-child")

    def catalogue_pages(self, parent):
        """The course catalogue (CourseIndexPage) under `parent` in every language.

        `parent` is any page of the site; its translations are used where they exist, and
        made as aliases of it (Wagtail's synchronised copies) where they do not, so that
        /fr/… and /es/… reach the French and Spanish catalogues. Nothing else is changed.
        """
        indexes = {}
        for language in self.languages:
            with translation.override(language):
                indexes[language] = self.upsert(
                    CourseIndexPage, COURSES_KEY, language, self.parent_in(parent, language),
                    {"title": _("Courses"), "slug": CATALOGUE_SLUGS.get(language, "courses")},
                )
        return indexes

    def parent_in(self, parent, language):
        locale = self.locale(language)
        if parent.is_root() or parent.locale_id == locale.id:
            return parent
        return parent.get_translation_or_none(locale) or parent.copy_for_translation(
            locale, copy_parents=True, alias=True)

    def load_course(self, course_dir, indexes):
        for language in self.languages:
            course = read_course(course_dir, language)
            meta = course.doc.meta
            course_page = self.upsert(
                CoursePage, translation_key(course.key), language, indexes[language], {
                    "title": meta["title"],
                    "slug": meta["slug"],
                    "summary": meta.get("summary", ""),
                    "description": meta["description_html"],
                    "objectives": [("objective", text) for text in meta.get("objectives", [])],
                    "estimated_hours": int(meta.get("estimated_hours", 1)),
                    "level": meta.get("level", "beginner"),
                    "audience": meta.get("audience", ""),
                    "series": meta.get("series", "sse-intro"),
                },
            )
            module_pages = []
            for module in course.modules:
                module_page = self.upsert(
                    ModulePage, translation_key(course.key, module.key), language, course_page, {
                        "title": module.doc.meta["title"],
                        "slug": module.doc.meta.get("slug", module.key),
                        "intro": module.doc.meta["intro_html"],
                    },
                )
                module_pages.append(module_page)
                step_pages = [
                    self.upsert_quiz(course.key, module.key, step, language, module_page)
                    if isinstance(step, Quiz) else
                    self.upsert(
                        LessonPage, translation_key(course.key, module.key, step.key), language,
                        module_page, {
                            "title": step.doc.meta["title"],
                            "slug": step.doc.meta.get("slug", step.key),
                            "estimated_minutes": int(step.doc.meta.get("minutes", 10)),
                            "completion_rule": step.doc.meta.get("completion", "manual"),
                            "body": step.blocks,
                        },
                    )
                    for step in module.lessons
                ]
                self.order_children(module_page, step_pages)
            self.order_children(course_page, module_pages)
            self.log(f"{course.key} [{language}]: {meta['title']}")

    def upsert_quiz(self, course_key, module_key, quiz, language, module_page):
        """The quiz's questions (keyed course/module/quiz/qN), then the quiz page."""
        category = QuestionCategory.objects.get_or_create(name=f"Catalog: {course_key}")[0]
        locale = self.locale(language)
        questions = []
        for parsed in quiz.questions:
            key = translation_key(course_key, module_key, quiz.key, parsed.name)
            # Catalog titles are bare numbers (q1, q2…), kept for the key; trainers
            # find the question in the bank by its first words.
            name = readable_name(parsed.text) if is_bare(parsed.name) else parsed.name
            fields = {"name": name[:255], "category": category,
                      "text": text_to_rich_text(parsed.text),
                      "general_feedback": parsed.general_feedback}
            question = Question.objects.filter(translation_key=key, locale=locale).first()
            if question is None:
                question = Question(translation_key=key, locale=locale)
            elif (all(getattr(question, n) == v for n, v in fields.items())
                  and question.kind == parsed.kind and question.spec_data() == parsed.spec):
                questions.append(question)
                continue
            for name, value in fields.items():
                setattr(question, name, value)
            question.spec = [{"type": parsed.kind, "value": parsed.spec}]
            question.save()
            questions.append(question)
        meta = quiz.doc.meta
        return self.upsert(QuizPage, translation_key(course_key, module_key, quiz.key), language,
                           module_page, {
                               "title": meta["title"], "slug": meta.get("slug", quiz.key),
                               "pass_mark": int(meta.get("pass_mark", 60)),
                               "max_attempts": int(meta.get("max_attempts", 0)),
                               "estimated_minutes": int(meta.get("minutes", 10)),
                               "questions": [("question", q) for q in questions],
                           })

    @transaction.atomic
    def load(self, root, parent):
        indexes = self.catalogue_pages(parent)
        for course_dir in course_dirs(root):
            self.load_course(course_dir, indexes)
        return self.counts


def raw(value):
    """The comparable form of a value given to the loader."""
    if isinstance(value, list):
        return [[item[0], getattr(item[1], "pk", item[1])] if isinstance(item, tuple) else item
                for item in value]
    return value


def field_value(page, name):
    """The comparable form of a page's current field value."""
    value = getattr(page, name)
    if name == "body":
        return list(value.raw_data)
    if name == "objectives":
        return [["objective", child.value] for child in value]
    if name == "questions":
        return [["question", child.value.pk if child.value else None] for child in value]
    if hasattr(value, "source"):  # RichText
        return value.source
    return value
