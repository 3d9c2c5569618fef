"""Synthetic courses and learners, shared by the benchmark and the query-count tests."""

import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, StepProgress
from courses.progress import enrol, refresh_enrolment

LESSONS_PER_MODULE = 10


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
