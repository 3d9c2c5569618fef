"""Who may report and who may moderate what: every moderation view and service asks here.

Moderating one post or thread is decided by community.permissions.can_moderate (trainers
everywhere, facilitators for their cohorts); this module adds the checks around it and the
querysets for lists (queue, log) that must match it exactly.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from community.models import Post, Space
from community.permissions import Refused, can_moderate, check_signed_in
from community.viewers import viewer_for
from community.visibility import can_see_post, moderated_threads_q

__all__ = ["Refused", "check_can_moderate", "check_can_report", "check_moderator",
           "moderated_posts_q", "moderated_spaces_q"]


def is_moderator(user):
    """Moderates something: a trainer, or the facilitator of at least one cohort."""
    viewer = viewer_for(user)
    return viewer.signed_in and (viewer.is_trainer or bool(viewer.facilitated_cohort_ids))


def check_moderator(user):
    check_signed_in(user)
    if not is_moderator(user):
        raise Refused(403, _("Only trainers and facilitators can moderate discussions."))


def check_can_moderate(user, thread_or_space):
    check_signed_in(user)
    if not can_moderate(user, thread_or_space):
        raise Refused(403, _("You do not moderate this discussion."))


def moderated_spaces_q(viewer, prefix=""):
    """Q over Space: the spaces whose members this person may suspend."""
    if viewer.is_trainer:
        return Q()
    return (Q(**{f"{prefix}kind": Space.COHORT, f"{prefix}cohort_id__in": viewer.facilitated_cohort_ids})
            | Q(**{f"{prefix}kind": Space.COURSE, f"{prefix}course_key__in": viewer.facilitated_course_keys}))


def moderated_posts_q(viewer):
    """Q over Post: the posts this person moderates (queue)."""
    return moderated_threads_q(viewer, "thread__")


def moderated_log_q(viewer):
    """Q over ModerationAction: entries about threads or spaces this person moderates."""
    if viewer.is_trainer:
        return Q()
    return (Q(thread__isnull=False) & moderated_threads_q(viewer, "thread__")
            | Q(thread__isnull=True, space__isnull=False) & moderated_spaces_q(viewer, "space__"))


def check_can_report(user, post):
    check_signed_in(user)
    if not can_see_post(user, post):
        raise Refused(404, _("This post does not exist or is not open to you."))
    if post.author_id == user.pk:
        raise Refused(400, _("You cannot report your own post."))
    if post.status != Post.PUBLISHED:
        raise Refused(409, _("This post is already withheld from other readers."))
