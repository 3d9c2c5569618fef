"""Essays graded by people: who may grade an attempt, the queue, and the grading.

A trainer grades any attempt; a facilitator grades the attempts of the learners of
the cohorts they facilitate, in that cohort's course. The question is graded as it
was when the attempt started (its snapshot in the attempt's layout), with its rubric
when it has criteria, else with a mark. When the last essay of an attempt is graded,
the attempt gets its grade, a pass may complete the quiz step, and the learner is
told.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from courses.models import Cohort, CohortMembership
from courses.permissions import Refused
from courses.roles import TRAINERS, has_role
from sse_notifications.services import notify

from .grading import rubric_fraction
from .models import Attempt
from .permissions import quiz_of_attempt
from .services import conclude, rules_of

GRADED = gettext_noop("Your answers to “%(quiz)s” have been graded: %(grade)s")
MAX_FEEDBACK = 5000


def facilitated_cohorts(user):
    return Cohort.objects.filter(facilitators=user).select_related("course")


def is_grader(user):
    return user.is_authenticated and (
        has_role(user, TRAINERS) or facilitated_cohorts(user).exists())


def gradable(user, attempts=None):
    """The attempts (default: all) whose essays `user` may grade."""
    attempts = Attempt.objects.all() if attempts is None else attempts
    if not user.is_authenticated:
        return attempts.none()
    if has_role(user, TRAINERS):
        return attempts
    mine = CohortMembership.objects.filter(
        user=OuterRef("user"), cohort__facilitators=user,
        cohort__course__translation_key=OuterRef("course_key"))
    return attempts.filter(Exists(mine))


def queue(user, quiz_key=None, cohort=None):
    """Attempts waiting for a grader, oldest first, optionally of one quiz or cohort."""
    attempts = Attempt.objects.filter(state=Attempt.SUBMITTED, awaiting_grading=True)
    if quiz_key:
        attempts = attempts.filter(quiz_key=quiz_key)
    if cohort is not None:
        attempts = attempts.filter(user__cohort_memberships__cohort=cohort,
                                   course_key=cohort.course.translation_key)
    return gradable(user, attempts).select_related("user").order_by("submitted_at")


def attempt_for_grader(user, attempt_id):
    attempt = gradable(user, Attempt.objects.filter(pk=attempt_id,
                                                    state=Attempt.SUBMITTED)).first()
    if attempt is None:
        raise Refused(404, _("This attempt does not exist."))
    return attempt


def essay_slots(attempt):
    return [slot for slot in attempt.layout if slot["kind"] == "essay"]


def read_grade(slot, levels, mark):
    """(fraction, rubric rows) from the grader's choices, or Refused(400)."""
    criteria = slot["spec"].get("criteria") or []
    if criteria:
        try:
            chosen = [int(level) for level in levels]
        except (TypeError, ValueError):
            chosen = []
        if len(chosen) != len(criteria) or not all(
                0 <= level < len(c["levels"]) for level, c in zip(chosen, criteria, strict=True)):
            raise Refused(400, _("Choose a level for each criterion."))
        rubric = [{"criterion": c["name"], "level": c["levels"][level]["label"],
                   "points": c["levels"][level]["points"],
                   "max": max(item["points"] for item in c["levels"])}
                  for level, c in zip(chosen, criteria, strict=True)]
        return rubric_fraction(slot["spec"], chosen), rubric
    try:
        value = float(str(mark).replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0 <= value <= slot["mark"]:
        raise Refused(400, _("Give a mark from 0 to %(max)s.") % {"max": f"{slot['mark']:g}"})
    return value / slot["mark"] if slot["mark"] else 0.0, []


def grade_essay(attempt_id, key, grader, *, levels=(), mark=None, feedback=""):
    """Record a grader's mark and words on one essay of a submitted attempt, once."""
    feedback = (feedback or "").strip()
    if len(feedback) > MAX_FEEDBACK:
        raise Refused(400, _("The feedback is longer than %(n)s characters.") % {"n": MAX_FEEDBACK})
    with transaction.atomic():
        attempt_for_grader(grader, attempt_id)  # may this grader see it at all?
        attempt = Attempt.objects.select_for_update().get(pk=attempt_id)
        slot = next((s for s in essay_slots(attempt) if s["key"] == key), None)
        result = attempt.results.get(key) or {}
        if slot is None or not result.get("pending"):
            raise Refused(409, _("This answer has already been graded."))
        fraction, rubric = read_grade(slot, levels, mark)
        attempt.results[key] = {
            "fraction": fraction, "mark": round(fraction * slot["mark"], 4),
            "feedback": [feedback] if feedback else [], "score": None, "rubric": rubric,
            "graded_by": grader.pk, "graded_at": timezone.now().isoformat()}
        quiz, translations = quiz_of_attempt(attempt)
        conclude(attempt, rules_of(quiz, translations))
        if not attempt.awaiting_grading:
            tell_learner(attempt, quiz, grader)
    return attempt


def tell_learner(attempt, quiz, grader):
    grade = "—" if attempt.grade is None else f"{attempt.grade:g} %"
    notify([attempt.user], GRADED, params={"quiz": quiz.title, "grade": grade},
           url=reverse("sse_quizzes:review", args=[attempt.pk]), actor=grader,
           target_key=f"quiz-attempt:{attempt.pk}")
