"""A question of every type, and quizzes placed in the demo course in three languages."""

import uuid

from wagtail.models import Locale

from bench.builders import SPECS
from courses.models import ModulePage
from quizzes.models import Question, QuestionCategory, QuizPage

from .conftest import course_in

__all__ = ["SPECS", "make_question", "make_quiz"]

def make_question(kind, category=None, language="en", key=None, text=None):
    category = category or QuestionCategory.objects.get_or_create(name="Test bank")[0]
    return Question.objects.create(
        locale=Locale.objects.get(language_code=language), category=category,
        translation_key=key or uuid.uuid4(), name=f"{kind} question",
        text=f"<p>{text or kind + ' question text'}</p>",
        spec=[{"type": kind, "value": SPECS[kind]}], general_feedback=f"General {kind}.")


def make_quiz(questions, languages=("en", "fr", "es"), **settings):
    """A quiz at the end of the demo course's first module, in each language."""
    key = uuid.uuid4()
    quizzes = {}
    for language in languages:
        course = course_in(language)
        module = ModulePage.objects.child_of(course).order_by("path").first()
        quiz = QuizPage(title=f"Check your understanding ({language})", slug=f"quiz-{key.hex[:6]}",
                        locale=course.locale, translation_key=key,
                        questions=[("question", q) for q in questions], **settings)
        module.add_child(instance=quiz)
        quizzes[language] = quiz
    return quizzes
