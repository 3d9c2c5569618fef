"""The flows the benchmark measures, grouped by what grows (lessons, questions).

A group builds a scenario per scale point. A flow, given the scenario, returns a
function that prepares one request (untimed) and returns (method, url, data,
expected): the benchmark sends it as the scenario's learner and checks that the
response contains `expected`, so a run proves it did the work it reports.
Later features add their groups or flows here.
"""

from django.urls import reverse

from .community import POSTS_GROUP as COMMUNITY_POSTS
from .community import THREADS_GROUP as COMMUNITY_THREADS
from .community_moderation import GROUP as COMMUNITY_MODERATION
from .credentials import GROUP as CERTIFICATES
from .notifications import GROUP as NOTIFICATIONS


def bare_view(scenario):
    """Session and user, a few bytes (bench/bare_urls.py): what every page costs at least."""
    return lambda: ("get", "/bench/bare/", None, "bare ")


def course_page(scenario):
    return lambda: ("get", scenario["course"].url, None, f"{scenario['percent']}%")


def lesson_page(scenario):
    lesson = scenario["lessons"][len(scenario["lessons"]) // 2 + 1]
    return lambda: ("get", lesson.url, None, lesson.title)


def dashboard(scenario):
    return lambda: ("get", "/en/dashboard/", None, scenario["course"].title)


def lesson_scenario(size):
    from .builders import build_course, learner_with_progress

    course = build_course(size)
    user, lessons = learner_with_progress(course, fraction=0.5)
    return {"user": user, "course": course, "lessons": lessons, "percent": 50}


def quiz_scenario(size):
    from courses.progress import enrol
    from quizzes.services import start_attempt

    from .builders import build_quiz, learner_with_progress

    course, quiz = build_quiz(size)
    user, _ = learner_with_progress(course, fraction=0)
    enrol(user, course)
    attempt, _ = start_attempt(quiz, user, course.translation_key)
    return {"user": user, "course": course, "quiz": quiz, "attempt": attempt}


def answers_for(attempt):
    """A full set of answers (first option, or a number / text) for every question."""
    data = {"present": []}
    for n, slot in enumerate(attempt.layout, start=1):
        name = f"a{n}"
        data["present"].append(name)
        kind, size = slot["kind"], len(slot["order"])
        if kind in ("single", "multiple"):
            data[name] = "0"
        elif kind == "truefalse":
            data[name] = "true"
        elif kind in ("numeric", "short"):
            data[name] = "12.5"
        elif kind == "ordering":
            data.update({f"{name}-{d}": str(d + 1) for d in range(size)})
        elif kind in ("matching", "likert"):
            data.update({f"{name}-{i}": "0" for i in range(max(size, 2))})
    return data


def quiz_attempt_page(scenario):
    attempt = scenario["attempt"]
    return lambda: ("get", reverse("sse_quizzes:attempt", args=[attempt.pk]), None, "Question 1")


def quiz_autosave(scenario):
    attempt = scenario["attempt"]
    data = answers_for(attempt)
    return lambda: ("post", reverse("sse_quizzes:save", args=[attempt.pk]), data, '"saved": true')


def quiz_submission(scenario):
    """Each request submits a fresh attempt (started untimed, before the request)."""
    from quizzes.models import Attempt
    from quizzes.services import start_attempt

    def prepare():
        Attempt.objects.filter(user=scenario["user"], state=Attempt.IN_PROGRESS).delete()
        attempt, _ = start_attempt(scenario["quiz"], scenario["user"],
                                   scenario["course"].translation_key)
        return ("post", reverse("sse_quizzes:submit", args=[attempt.pk]), answers_for(attempt), "")

    return prepare


def cohort_scenario(size):
    """A facilitator's cohort of `size` learners on a course of 100 lessons."""
    from .cohorts import build_cohort

    return build_cohort(size, lessons=100)


def cohort_dashboard(scenario):
    cohort = scenario["cohort"]
    url = reverse("sse_facilitation:dashboard", args=[cohort.pk])
    return lambda: ("get", url, None, f"Cohort of {cohort.members.count()}")


def cohort_export(scenario):
    """Eager Celery in the benchmark: the request builds the whole CSV file."""
    url = reverse("sse_facilitation:request_export", args=[scenario["cohort"].pk])
    return lambda: ("post", url, {"file_format": "csv"}, "")


GROUPS = [
    ("lessons", lesson_scenario, [
        ("bare view", bare_view), ("course page", course_page), ("lesson page", lesson_page),
        ("dashboard", dashboard)]),
    ("questions", quiz_scenario, [
        ("quiz attempt page", quiz_attempt_page), ("quiz autosave", quiz_autosave),
        ("quiz submission", quiz_submission)]),
    ("learners", cohort_scenario, [
        ("cohort dashboard", cohort_dashboard), ("cohort export CSV", cohort_export)]),
    NOTIFICATIONS,
    CERTIFICATES,
    COMMUNITY_POSTS,
    COMMUNITY_THREADS,
    COMMUNITY_MODERATION,
]
