"""Who may do what in the community: every view and service asks here, nowhere else.

Reading is decided by visibility.py; this module decides acting (posting, liking,
supporting, accepting answers, writing syntheses, editing, moderating).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from courses.permissions import Refused

from . import conf, hooks
from .models import Post, Space, Thread
from .viewers import viewer_for
from .visibility import can_see_space, can_see_thread

__all__ = ["Refused", "can_moderate", "can_participate", "check_can_post_in_space"]


def can_moderate(user, thread_or_space):
    """Trainers everywhere; a cohort's facilitators for that cohort's space and the
    threads of a divided topic that belong to it; for unified course topics, the
    facilitators of any cohort of the course."""
    viewer = viewer_for(user)
    if not viewer.signed_in:
        return False
    if viewer.is_trainer:
        return True
    if isinstance(thread_or_space, Thread):
        thread = thread_or_space
        if thread.cohort_id is not None:
            return thread.cohort_id in viewer.facilitated_cohort_ids
        space = thread.topic.space
    else:
        space = thread_or_space
    if space.kind == Space.COHORT:
        return space.cohort_id in viewer.facilitated_cohort_ids
    if space.kind == Space.COURSE:
        return space.course_key in viewer.facilitated_course_keys
    return False


def can_participate(user, space):
    """Membership only (posting_checks such as suspensions are applied by check_can_post)."""
    viewer = viewer_for(user)
    if not viewer.signed_in:
        return False
    return can_see_space(user, space)


def check_signed_in(user):
    if not user.is_authenticated:
        raise Refused(403, _("Log in to take part in the discussions."))


def check_can_see_thread(user, thread):
    if not can_see_thread(user, thread):
        raise Refused(404, _("This discussion does not exist or is not open to you."))


def check_can_post_in_space(user, space):
    check_signed_in(user)
    if not can_participate(user, space):
        raise Refused(403, _("Only the members of this space can post here."))
    refusal = hooks.posting_refusal(user, space)
    if refusal:
        raise Refused(403, refusal)


def check_can_reply(user, thread):
    check_signed_in(user)
    check_can_see_thread(user, thread)
    check_can_post_in_space(user, thread.topic.space)
    if thread.closed:
        raise Refused(409, _("This discussion is closed with a synthesis; it takes no new replies."))
    if thread.locked and not can_moderate(user, thread):
        raise Refused(409, _("This discussion is locked by a moderator."))


def check_can_act_on_post(user, post):
    """Like, support: the person takes part in the post's space and sees the post."""
    check_signed_in(user)
    check_can_see_thread(user, post.thread)
    if post.status != Post.PUBLISHED:
        raise Refused(409, _("This post is not published."))
    if not can_participate(user, post.thread.topic.space):
        raise Refused(403, _("Only the members of this space can do this."))


def check_can_accept_answer(user, thread, post):
    check_signed_in(user)
    check_can_see_thread(user, thread)
    if thread.kind != Thread.QUESTION:
        raise Refused(400, _("Only a question has an accepted answer."))
    if post.thread_id != thread.pk or post.depth != Post.RESPONSE or post.status != Post.PUBLISHED:
        raise Refused(400, _("Only a published answer to this question can be accepted."))
    if user.pk != thread.author_id and not can_moderate(user, thread):
        raise Refused(403, _("Only the person who asked or a facilitator can accept an answer."))


def check_can_write_synthesis(user, thread):
    check_signed_in(user)
    check_can_see_thread(user, thread)
    if not can_moderate(user, thread):
        raise Refused(403, _("Only a facilitator of this discussion can write its synthesis."))


def edit_window_open(post, now=None):
    now = now or timezone.now()
    return (now - post.created_at).total_seconds() <= conf.edit_window_minutes() * 60


def check_can_edit(user, post):
    check_signed_in(user)
    check_can_see_thread(user, post.thread)
    if post.author_id != user.pk:
        raise Refused(403, _("Only the author can edit this post."))
    if post.status == Post.HIDDEN:
        raise Refused(409, _("A hidden post cannot be edited."))
    if post.thread.locked or post.thread.closed:
        raise Refused(409, _("This discussion no longer accepts changes."))
    if not edit_window_open(post):
        raise Refused(403, _("Posts can be edited for %(minutes)d minutes after posting.")
                      % {"minutes": conf.edit_window_minutes()})


def cohort_for_new_thread(user, topic, requested_cohort_id=None):
    """The cohort a new thread of a divided topic belongs to (None in a unified topic)."""
    if not topic.is_divided:
        return None
    viewer = viewer_for(user)
    course_key = topic.space.course_key
    if requested_cohort_id:
        from courses.models import Cohort

        cohort = Cohort.objects.filter(pk=requested_cohort_id, course__translation_key=course_key).first()
        if cohort and (viewer.is_trainer or cohort.pk in viewer.cohort_ids):
            return cohort.pk
        raise Refused(400, _("Choose one of your cohorts of this course."))
    if viewer.is_trainer:
        raise Refused(400, _("Choose the cohort this discussion is for."))
    cohort_id = viewer.member_cohorts_by_course.get(course_key)
    if cohort_id is None:
        from courses.models import Cohort

        cohort_id = (Cohort.objects.filter(course__translation_key=course_key,
                                           pk__in=viewer.facilitated_cohort_ids)
                     .values_list("pk", flat=True).first())
    if cohort_id is None:
        raise Refused(403, _("This topic is divided by cohort: join a cohort of this course to post."))
    return cohort_id


def cohort_choices(user, space):
    """Cohorts a trainer or facilitator may pick for a new thread in a divided topic."""
    from courses.models import Cohort

    viewer = viewer_for(user)
    if space.kind != Space.COURSE or not (viewer.is_trainer or viewer.facilitated_cohort_ids):
        return []
    cohorts = Cohort.objects.filter(course__translation_key=space.course_key)
    if not viewer.is_trainer:
        cohorts = cohorts.filter(pk__in=viewer.cohort_ids)
    return list(cohorts.order_by("name").values_list("pk", "name"))
