"""Moderator actions on a thread: lock, unlock, pin, unpin, move to another topic."""

from django.db import transaction
from django.utils.translation import gettext as _

from community.models import Post, Space, Thread, Topic
from community.permissions import can_moderate
from courses.models import Cohort

from ..models import ModerationAction
from ..permissions import Refused, check_can_moderate
from .audit import record
from .posts import clean_reason

# action → (field, value it sets)
FLAG_ACTIONS = {
    ModerationAction.LOCK: ("locked", True),
    ModerationAction.UNLOCK: ("locked", False),
    ModerationAction.PIN: ("pinned", True),
    ModerationAction.UNPIN: ("pinned", False),
}


def set_flag(actor, thread, action, reason=""):
    if action not in FLAG_ACTIONS:
        raise Refused(400, _("Unknown moderation action."))
    check_can_moderate(actor, thread)
    reason = clean_reason(reason)
    field, value = FLAG_ACTIONS[action]
    with transaction.atomic():
        locked = Thread.objects.select_for_update().select_related("topic__space").get(pk=thread.pk)
        if getattr(locked, field) == value:
            raise Refused(409, _("Nothing to change: the discussion is already in that state."))
        setattr(locked, field, value)
        locked.save(update_fields=[field])
        record(actor, action, thread=locked, reason=reason)
    return locked


def audience(topic, cohort_id):
    """Who may read a thread placed in `topic` with `cohort_id`: a move must keep it."""
    space = topic.space
    if space.kind == Space.ACADEMY:
        return ("academy",)
    if space.kind == Space.COHORT:
        return ("cohort", space.cohort_id)
    if cohort_id is not None:
        return ("cohort", cohort_id)
    return ("course", space.course_key)


def destination(thread, topic):
    """The cohort the thread carries into `topic`, or a refusal if readers would change."""
    if topic.pk == thread.topic_id:
        raise Refused(400, _("The discussion is already in this topic."))
    cohort_id = thread.cohort_id or (thread.topic.space.cohort_id
                                     if thread.topic.space.kind == Space.COHORT else None)
    new_cohort = None
    if topic.is_divided:
        # A thread in a divided topic belongs to one cohort of that course.
        if cohort_id is None or not Cohort.objects.filter(
                pk=cohort_id, course__translation_key=topic.space.course_key).exists():
            raise Refused(400, _("A discussion can only move to a topic with the same readers."))
        new_cohort = cohort_id
    if audience(topic, new_cohort) != audience(thread.topic, thread.cohort_id):
        raise Refused(400, _("A discussion can only move to a topic with the same readers."))
    return new_cohort


def move_targets(actor, thread):
    """Topics this discussion may move to (for the form): same readers, moderated by the actor."""
    candidates = Topic.objects.select_related("space").exclude(pk=thread.topic_id)
    space = thread.topic.space
    if space.kind == Space.COURSE or thread.cohort_id:
        course_key = space.course_key
        candidates = candidates.filter(space__course_key=course_key) | candidates.filter(
            space__kind=Space.COHORT, space__cohort__course__translation_key=course_key)
    elif space.kind == Space.COHORT:
        candidates = candidates.filter(space=space) | candidates.filter(
            space__kind=Space.COURSE, space__course_key=space.cohort.course.translation_key)
    else:
        candidates = candidates.filter(space=space)
    allowed = []
    for topic in candidates.distinct():
        try:
            cohort_id = destination(thread, topic)
        except Refused:
            continue
        if can_moderate(actor, Thread(topic=topic, cohort_id=cohort_id)):
            allowed.append(topic)
    return allowed


def move(actor, thread, topic, reason=""):
    check_can_moderate(actor, thread)
    reason = clean_reason(reason)
    with transaction.atomic():
        locked = Thread.objects.select_for_update().select_related("topic__space").get(pk=thread.pk)
        new_cohort = destination(locked, topic)
        if not can_moderate(actor, Thread(topic=topic, cohort_id=new_cohort)):
            raise Refused(403, _("You do not moderate the topic you chose."))
        old_topic = locked.topic_id
        locked.topic = topic
        locked.cohort_id = new_cohort
        locked.save(update_fields=["topic", "cohort"])
        # Posts carry the thread's cohort so queues filter them directly (see community.models).
        Post.objects.filter(thread=locked).update(cohort_id=new_cohort)
        record(actor, ModerationAction.MOVE, thread=locked, space=topic.space, reason=reason,
               details={"from_topic": old_topic, "to_topic": topic.pk})
    return locked
