"""A question of every type, and quizzes placed in the demo course in three languages."""

import uuid

from wagtail.models import Locale

from courses.models import ModulePage
from quizzes.models import Question, QuestionCategory, QuizPage

from .conftest import course_in

SPECS = {
    "single": {"choices": [
        {"text": "A cooperative", "fraction": 1.0, "feedback": "Yes: members own it."},
        {"text": "A listed company", "fraction": 0.0, "feedback": "Shareholders own it."},
        {"text": "A ministry", "fraction": 0.0, "feedback": ""}]},
    "multiple": {"partial_credit": True, "choices": [
        {"text": "Voluntary membership", "fraction": 0.5, "feedback": ""},
        {"text": "Democratic control", "fraction": 0.5, "feedback": ""},
        {"text": "Profit for investors first", "fraction": -1.0, "feedback": "No."}]},
    "truefalse": {"answer": False, "feedback_true": "Think again.", "feedback_false": "Right."},
    "numeric": {"unit": "%", "answers": [
        {"value": 12.5, "tolerance": 0.5, "fraction": 1.0, "feedback": ""},
        {"value": 12.5, "tolerance": 2.0, "fraction": 0.5, "feedback": "Close."}]},
    "short": {"ignore_case": True, "ignore_accents": True, "answers": [
        {"text": "Économie sociale", "fraction": 1.0, "feedback": ""}]},
    "matching": {"pairs": [
        {"prompt": "Cooperative", "match": "One member, one vote"},
        {"prompt": "Foundation", "match": "An endowment for a purpose"},
        {"prompt": "Mutual", "match": "Members insure each other"}]},
    "ordering": {"items": ["Find the need", "Generate ideas", "Screen ideas", "Write the plan"]},
    "likert": {"statements": ["I can explain my idea", "I know my clients"],
               "scale": [{"label": "Not yet", "points": 0}, {"label": "Somewhat", "points": 1},
                         {"label": "Yes", "points": 2}],
               "bands": [{"min_score": 0, "feedback": "Start with the basics."},
                         {"min_score": 3, "feedback": "You are ready for the next step."}]},
}


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
