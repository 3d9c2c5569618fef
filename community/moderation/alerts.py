"""Telling moderators at once when reports have hidden something.

Reports hide a post without waiting for a moderator, and when that post opens a
discussion the whole discussion leaves the learners' pages. The choice (README,
"Moderation"): hide first — the title and the first message are what was reported —
and ask the people who moderate the discussion to confirm or restore it now, through
a notification, rather than leave it to whoever next opens the queue.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_noop

from community.models import Space
from courses.models import Cohort
from courses.roles import TRAINERS
from sse_notifications.services import notify

THREAD_HIDDEN = gettext_noop(
    "Reports hid the discussion “%(thread)s” for learners: please confirm or restore it.")
POST_HIDDEN = gettext_noop(
    "Reports hid a post in “%(thread)s”: please confirm or restore it.")


def moderators_of(thread):
    """Who moderates this thread (permissions.can_moderate): the facilitators it
    belongs to; the trainers when no facilitator does (the academy-wide space)."""
    users = get_user_model().objects.filter(is_active=True)
    space = thread.topic.space
    if thread.cohort_id is not None:
        cohorts = Cohort.objects.filter(pk=thread.cohort_id)
    elif space.kind == Space.COHORT:
        cohorts = Cohort.objects.filter(pk=space.cohort_id)
    elif space.kind == Space.COURSE:
        cohorts = Cohort.objects.filter(course__translation_key=space.course_key)
    else:
        cohorts = Cohort.objects.none()
    facilitators = users.filter(facilitated_cohorts__in=cohorts).distinct()
    if facilitators.exists():
        return facilitators
    return users.filter(Q(is_superuser=True) | Q(groups__name=TRAINERS)).distinct()


def hidden_by_reports(post):
    """Call in the transaction that hid `post` automatically."""
    thread = post.thread
    notify(moderators_of(thread), THREAD_HIDDEN if post.depth == post.OPENING else POST_HIDDEN,
           params={"thread": thread.title},
           url=reverse("sse_moderation:post", args=[post.pk]),
           target_key=thread.target_key())
