"""Who sees what in the community: the ONE place it is decided.

- The academy-wide space is open to everyone (reading); posting needs an account.
- A course space: learners enrolled in the course, the course's facilitators, trainers.
- A cohort space: its members and facilitators, trainers.
- A thread in a topic divided by cohort: only that cohort's members and facilitators, trainers.
- Hidden posts: moderators only. Pending posts: their author and moderators.
  A thread whose opening post is not published is seen only by its author and moderators.

Every view, search result, feed and notification goes through these functions.
"""

from django.db.models import Exists, OuterRef, Q

from .models import Post, Space, Thread
from .viewers import viewer_for


def space_q(viewer, prefix=""):
    """Q over Space (prefix "topic__space__" from Thread, etc.)."""
    if viewer.is_trainer:
        return Q()
    q = Q(**{f"{prefix}kind": Space.ACADEMY})
    if viewer.course_keys:
        q |= Q(**{f"{prefix}kind": Space.COURSE, f"{prefix}course_key__in": viewer.course_keys})
    if viewer.cohort_ids:
        q |= Q(**{f"{prefix}kind": Space.COHORT, f"{prefix}cohort_id__in": viewer.cohort_ids})
    return q


def moderated_threads_q(viewer, prefix=""):
    """Q over Thread: threads this person moderates (see permissions.can_moderate)."""
    if viewer.is_trainer:
        return Q()
    if not viewer.facilitated_cohort_ids:
        return Q(pk__in=[])
    cohorts = viewer.facilitated_cohort_ids
    return (
        Q(**{f"{prefix}cohort_id__in": cohorts})
        | Q(**{f"{prefix}topic__space__kind": Space.COHORT, f"{prefix}topic__space__cohort_id__in": cohorts})
        | Q(**{f"{prefix}cohort__isnull": True, f"{prefix}topic__space__kind": Space.COURSE,
               f"{prefix}topic__space__course_key__in": viewer.facilitated_course_keys})
    )


def _readable_threads_q(viewer):
    q = space_q(viewer, "topic__space__")
    if not viewer.is_trainer:
        q &= Q(cohort__isnull=True) | Q(cohort_id__in=viewer.cohort_ids)
    return q


def visible_spaces(user):
    return Space.objects.filter(space_q(viewer_for(user)))


def can_see_space(user, space):
    viewer = viewer_for(user)
    if viewer.is_trainer or space.kind == Space.ACADEMY:
        return True
    if space.kind == Space.COURSE:
        return space.course_key in viewer.course_keys
    return space.cohort_id in viewer.cohort_ids


def visible_threads(user):
    viewer = viewer_for(user)
    threads = Thread.objects.filter(_readable_threads_q(viewer))
    if viewer.is_trainer:
        return threads
    opening_published = Exists(
        Post.objects.filter(thread=OuterRef("pk"), depth=Post.OPENING, status=Post.PUBLISHED)
    )
    shown = Q(opening_published)
    if viewer.signed_in:
        shown |= Q(author_id=viewer.user_id) | moderated_threads_q(viewer)
    return threads.filter(shown)


def can_see_thread(user, thread):
    return visible_threads(user).filter(pk=thread.pk).exists()


def post_shown_q(viewer, prefix=""):
    """Q over Post: the statuses this person may see (on threads they can read)."""
    if viewer.is_trainer:
        return Q()
    published = Q(**{f"{prefix}status": Post.PUBLISHED}) & (
        Q(**{f"{prefix}parent__isnull": True}) | Q(**{f"{prefix}parent__status": Post.PUBLISHED})
    )
    if not viewer.signed_in:
        return published
    return (published
            | Q(**{f"{prefix}status": Post.PENDING, f"{prefix}author_id": viewer.user_id})
            | moderated_threads_q(viewer, f"{prefix}thread__"))


def visible_posts(user):
    viewer = viewer_for(user)
    return Post.objects.filter(thread__in=visible_threads(user)).filter(post_shown_q(viewer))


def can_see_post(user, post):
    return visible_posts(user).filter(pk=post.pk).exists()


def visible_target_keys(user, keys):
    """For notifications: which "community.<kind>:<id>" keys this person may still see."""
    wanted = {"thread": set(), "space": set(), "post": set()}
    for key in keys:
        kind, _, ident = key.removeprefix("community.").partition(":")
        if kind in wanted and ident.isdigit():
            wanted[kind].add(int(ident))
    seen = set()
    if wanted["thread"]:
        seen |= {f"community.thread:{pk}" for pk in
                 visible_threads(user).filter(pk__in=wanted["thread"]).values_list("pk", flat=True)}
    if wanted["space"]:
        seen |= {f"community.space:{pk}" for pk in
                 visible_spaces(user).filter(pk__in=wanted["space"]).values_list("pk", flat=True)}
    if wanted["post"]:
        seen |= {f"community.post:{pk}" for pk in
                 visible_posts(user).filter(pk__in=wanted["post"]).values_list("pk", flat=True)}
    return seen & set(keys)
