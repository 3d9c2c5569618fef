"""The one writer of progress.

Views of other apps (quizzes, H5P…) record their own facts, then call
`complete_step`. When the last step of a course is completed, the signal
`course_completed` is sent once, inside the transaction that completes it: a
receiver records its follow-up work there (`courses.outbox.enqueue_after_commit`),
so the completion and the work it causes are committed together or not at all.
"""

from datetime import timedelta
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from wagtail.models import Page

from .models import CoursePage, Enrolment, StepProgress, step_page_models

# Sent with: user, course_key, enrolment, inside the completing transaction.
course_completed = Signal()


def enrol(user, course):
    """Enrol `user` in `course` (any translation); returns (enrolment, created)."""
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            user=user, course_key=course.translation_key
        )
        if created:
            refresh_enrolment(enrolment)
    return enrolment, created


VIEW_RECORD_INTERVAL = timedelta(minutes=5)


def view_is_stale(last_viewed_at):
    """Views are recorded at most every few minutes: reloads cost no write."""
    return last_viewed_at is None or timezone.now() - last_viewed_at > VIEW_RECORD_INTERVAL


def record_view(user, step, course_key):
    """Note that the learner opened a step (for "continue where you left off")."""
    now = timezone.now()
    StepProgress.objects.bulk_create(
        [StepProgress(user=user, step_key=step.translation_key, course_key=course_key,
                      first_viewed_at=now, last_viewed_at=now)],
        update_conflicts=True,
        unique_fields=["user", "step_key"],
        update_fields=["last_viewed_at"],
    )


def complete_step(user, step, course_key):
    """Mark a step complete for an enrolled learner. Returns True if it was not already.

    The enrolment row is locked first, so concurrent completions by one learner
    are serialised and the course summary is counted once per change.
    """
    now = timezone.now()
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(user=user, course_key=course_key)
        row, created = StepProgress.objects.get_or_create(
            user=user,
            step_key=step.translation_key,
            defaults={"course_key": course_key, "last_viewed_at": now, "completed_at": now},
        )
        newly_completed = created or bool(
            StepProgress.objects.filter(pk=row.pk, completed_at__isnull=True).update(
                completed_at=now
            )
        )
        if newly_completed:
            enrolment.last_step_key, enrolment.last_activity_at = step.translation_key, now
            refresh_enrolment(enrolment, extra_fields=["last_step_key", "last_activity_at"])
    return newly_completed


def save_answers(user, step, course_key, block_id, answers):
    """Keep a learner's answers to one activity of a step (replacing earlier ones)."""
    now = timezone.now()
    with transaction.atomic():
        row, _created = StepProgress.objects.select_for_update().get_or_create(
            user=user, step_key=step.translation_key,
            defaults={"course_key": course_key, "last_viewed_at": now},
        )
        row.answers = {**row.answers, block_id: answers}
        row.save(update_fields=["answers"])
    return row


def course_step_keys(course_key):
    """Translation keys of the steps of a course, across all its translations: the
    steps a learner can reach (live and public, in a live and public module)."""
    course_type = ContentType.objects.get_for_model(CoursePage)
    courses = Page.objects.filter(
        translation_key=course_key, content_type=course_type
    ).values_list("path", "depth")
    conditions = [Q(path__startswith=path, depth__in=(depth + 1, depth + 2))
                  for path, depth in courses]
    if not conditions:
        return set()
    step_types = {ct.id for ct in ContentType.objects.get_for_models(*step_page_models()).values()}
    rows = list(Page.objects.live().public().filter(reduce(or_, conditions)).values_list(
        "path", "depth", "content_type_id", "translation_key"))
    steps_depth = {depth + 2 for _path, depth in courses}
    open_modules = {path for path, depth, _ct, _key in rows if depth not in steps_depth}
    return {
        key for path, depth, content_type, key in rows
        if depth in steps_depth and content_type in step_types
        and path[: -Page.steplen] in open_modules
    }


def refresh_enrolment(enrolment, step_keys=None, extra_fields=()):
    """Recount an enrolment's summary; send course_completed the first time it is full."""
    if step_keys is None:
        step_keys = course_step_keys(enrolment.course_key)
    done = StepProgress.objects.filter(
        user_id=enrolment.user_id, step_key__in=step_keys, completed_at__isnull=False
    ).count()
    enrolment.completed_steps = done
    enrolment.total_steps = len(step_keys)
    update_fields = ["completed_steps", "total_steps", *extra_fields]
    if enrolment.total_steps and done == enrolment.total_steps and not enrolment.completed_at:
        enrolment.completed_at = timezone.now()
        update_fields.append("completed_at")
        enrolment.save(update_fields=update_fields)
        course_completed.send(sender=Enrolment, user=enrolment.user,
                              course_key=enrolment.course_key, enrolment=enrolment)
        return
    enrolment.save(update_fields=update_fields)


def recompute_course(course_key):
    """Recount every enrolment of a course (after a trainer changed its structure)."""
    step_keys = course_step_keys(course_key)
    count = 0
    for enrolment in Enrolment.objects.filter(course_key=course_key).iterator():
        with transaction.atomic():
            locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
            refresh_enrolment(locked, step_keys)
        count += 1
    return count
