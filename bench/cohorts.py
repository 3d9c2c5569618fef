"""Synthetic cohorts for the facilitation benchmark and tests: a course, a quiz,
learners with varied progress and attempts, all written with bulk_create."""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from courses.models import Cohort, CohortMembership, Enrolment, LessonPage, ModulePage, StepProgress
from courses.roles import FACILITATORS

from .builders import build_course


def build_quiz_step(course):
    """A one-question quiz at the end of the course's first module."""
    from quizzes.models import Question, QuestionCategory, QuizPage

    from .builders import SPECS

    module = ModulePage.objects.child_of(course).order_by("path").first()
    category = QuestionCategory.objects.get_or_create(name="Cohort benchmark")[0]
    question = Question.objects.create(locale=course.locale, category=category, name="Q",
                                       text="<p>Which one?</p>",
                                       spec=[{"type": "single", "value": SPECS["single"]}])
    return module.add_child(instance=QuizPage(
        title="Module check", slug=f"check-{uuid.uuid4().hex[:6]}", locale=course.locale,
        questions=[("question", question)], pass_mark=60))


def make_facilitator(email=None):
    user = get_user_model().objects.create_user(
        username=email or f"facilitator-{uuid.uuid4().hex[:8]}@example.org",
        email=email or "", password="facilitate-2026", first_name="Fatou")
    if not user.email:
        user.email = user.username
        user.save(update_fields=["email"])
    user.groups.add(Group.objects.get_or_create(name=FACILITATORS)[0])
    return user


def add_learners(cohort, count, steps, quiz=None, now=None):
    """`count` learners in the cohort: learner n completed n % (steps + 1) steps; every
    third failed the quiz twice, the others passed it; every fifth is long inactive."""
    from quizzes.models import Attempt

    now = now or timezone.now()
    course_key = cohort.course.translation_key
    tag = uuid.uuid4().hex[:6]
    User = get_user_model()
    users = User.objects.bulk_create([
        User(username=f"l{n}-{tag}@example.org", email=f"l{n}-{tag}@example.org",
             first_name=f"Learner {n:04d}", password="!") for n in range(count)])
    CohortMembership.objects.bulk_create(
        [CohortMembership(cohort=cohort, user=user) for user in users])
    progress, enrolments, attempts = [], [], []
    for n, user in enumerate(users):
        seen = now - timedelta(days=60 if n % 5 == 4 else 1)
        done = n % (len(steps) + 1)
        progress += [StepProgress(user=user, step_key=key, course_key=course_key,
                                  last_viewed_at=seen, completed_at=seen)
                     for key in steps[:done]]
        enrolments.append(Enrolment(user=user, course_key=course_key, completed_steps=done,
                                    total_steps=len(steps), last_activity_at=seen))
        if quiz is not None:
            grades = [30.0, 40.0] if n % 3 == 0 else [85.0]
            attempts += [Attempt(user=user, quiz_key=quiz.translation_key, course_key=course_key,
                                 number=i, state=Attempt.SUBMITTED, submitted_at=seen,
                                 grade=grade, passed=grade >= quiz.pass_mark, max_score=1)
                         for i, grade in enumerate(grades, start=1)]
    StepProgress.objects.bulk_create(progress, batch_size=2000)
    Enrolment.objects.bulk_create(enrolments, batch_size=2000)
    Attempt.objects.bulk_create(attempts, batch_size=2000)
    return users


def build_cohort(learners, lessons=100, course=None, quiz=True):
    """A cohort of `learners` on a course of `lessons` lessons (+ a quiz), with its facilitator."""
    course = course or build_course(lessons)
    quiz_page = build_quiz_step(course) if quiz else None
    steps = [page.translation_key for page in
             LessonPage.objects.descendant_of(course).order_by("path")]
    cohort = Cohort.objects.create(name=f"Cohort of {learners}", course=course,
                                   language=course.locale.language_code)
    facilitator = make_facilitator()
    cohort.facilitators.add(facilitator)
    add_learners(cohort, learners, steps, quiz_page)
    return {"cohort": cohort, "course": course, "quiz": quiz_page, "user": facilitator,
            "steps": steps}
