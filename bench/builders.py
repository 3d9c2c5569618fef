"""Synthetic courses and learners, shared by the benchmark and the query-count tests."""

import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, StepProgress
from courses.progress import enrol, refresh_enrolment

LESSONS_PER_MODULE = 10

# One sample question of every type (used by the quiz benchmark and the tests).
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


def lesson_body(index):
    return [
        {"type": "heading", "value": f"Part {index}", "id": str(uuid.uuid4())},
        {"type": "paragraph", "value": "<p>" + "Solidarity economy text. " * 40 + "</p>",
         "id": str(uuid.uuid4())},
        {"type": "callout", "value": {"kind": "tip", "text": "<p>A tip.</p>"},
         "id": str(uuid.uuid4())},
        {"type": "activity", "id": str(uuid.uuid4()), "value": {
            "title": "Reflect", "instruction": "<p>Write one idea.</p>",
            "fields": [{"type": "text", "value": "Idea", "id": str(uuid.uuid4())}],
        }},
    ]


def build_course(lessons, language="en", slug=None):
    """A live course with `lessons` lessons, ten per module, under the catalogue page."""
    locale = Locale.objects.get(language_code=language)
    index = CourseIndexPage.objects.filter(locale=locale).first()
    slug = slug or f"bench-{lessons}-{uuid.uuid4().hex[:6]}"
    course = index.add_child(instance=CoursePage(
        title=f"Benchmark course ({lessons} lessons)", slug=slug, summary="For measuring.",
        locale=locale,
    ))
    made = 0
    while made < lessons:
        module_number = made // LESSONS_PER_MODULE + 1
        module = course.add_child(instance=ModulePage(
            title=f"Module {module_number}", slug=f"module-{module_number}", locale=locale))
        for _ in range(min(LESSONS_PER_MODULE, lessons - made)):
            made += 1
            module.add_child(instance=LessonPage(
                title=f"Lesson {made}", slug=f"lesson-{made}", locale=locale,
                body=lesson_body(made)))
    return course


def learner_with_progress(course, fraction=0.5, email=None):
    """An enrolled learner who completed the first `fraction` of the course's lessons."""
    user = get_user_model().objects.create_user(
        username=email or f"learner-{uuid.uuid4().hex[:8]}@example.org", password="x")
    enrolment, _ = enrol(user, course)
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    now = timezone.now()
    StepProgress.objects.bulk_create([
        StepProgress(user=user, step_key=lesson.translation_key, course_key=course.translation_key,
                     last_viewed_at=now, completed_at=now)
        for lesson in lessons[: int(len(lessons) * fraction)]
    ])
    refresh_enrolment(enrolment)
    return user, lessons


def build_quiz(questions, language="en"):
    """A live quiz with `questions` questions (every type in turn) in a new course."""
    from quizzes.models import Question, QuestionCategory, QuizPage

    course = build_course(1, language=language)
    module = ModulePage.objects.child_of(course).first()
    category = QuestionCategory.objects.get_or_create(name="Benchmark")[0]
    kinds = list(SPECS)
    bank = [Question.objects.create(
        locale=course.locale, category=category, name=f"Q{n}", text=f"<p>Question {n}?</p>",
        spec=[{"type": kinds[n % len(kinds)], "value": SPECS[kinds[n % len(kinds)]]}])
        for n in range(questions)]
    quiz = module.add_child(instance=QuizPage(
        title=f"Benchmark quiz ({questions} questions)", slug="quiz", locale=course.locale,
        questions=[("question", q) for q in bank]))
    return course, quiz
