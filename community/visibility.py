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


# Bulk: who, among many people, may see one thread or post (notification fan-out).
# The same rules as above, stated over people for one known thread instead of over
# threads for one known person, so a post's followers are filtered in one query
# rather than three per follower. tests/test_community_visibility.py checks that
# both forms agree.

def _everyone():
    return Q(pk__isnull=False)  # not Q(): an empty Q vanishes when OR-ed


def _nobody():
    return Q(pk__in=[])


def _people_q(thread):
    from django.contrib.auth import get_user_model

    from courses.models import Cohort, CohortMembership, Enrolment
    from courses.roles import TRAINERS

    user_model = get_user_model()
    me = OuterRef("pk")
    facilitating = Cohort.facilitators.through.objects.filter(user_id=me)

    def member(cohort_id):
        return (Exists(CohortMembership.objects.filter(user_id=me, cohort_id=cohort_id))
                | Exists(facilitating.filter(cohort_id=cohort_id)))

    space = thread.topic.space
    trainer = Q(is_superuser=True) | Exists(
        user_model.groups.through.objects.filter(user_id=me, group__name=TRAINERS))
    if space.kind == Space.ACADEMY:
        reads_space = _everyone()
    elif space.kind == Space.COURSE:
        reads_space = (Exists(Enrolment.objects.filter(user_id=me, course_key=space.course_key))
                       | Exists(facilitating.filter(cohort__course__translation_key=space.course_key)))
    else:
        reads_space = member(space.cohort_id)
    in_cohort = member(thread.cohort_id) if thread.cohort_id else _everyone()
    moderates = _nobody()
    if thread.cohort_id:
        moderates |= Exists(facilitating.filter(cohort_id=thread.cohort_id))
    if space.kind == Space.COHORT:
        moderates |= Exists(facilitating.filter(cohort_id=space.cohort_id))
    elif space.kind == Space.COURSE and not thread.cohort_id:
        moderates |= Exists(facilitating.filter(cohort__course__translation_key=space.course_key))
    return trainer, reads_space & in_cohort, moderates


def readers_of_thread(thread, people):
    """Those of `people` (a user queryset) who may see `thread`, as can_see_thread."""
    trainer, reads, moderates = _people_q(thread)
    opening_published = Post.objects.filter(thread=thread, depth=Post.OPENING,
                                            status=Post.PUBLISHED).exists()
    opening = _everyone() if opening_published else Q(pk=thread.author_id) | moderates
    return people.filter(trainer | (reads & opening))


def readers_of_post(post, people):
    """Those of `people` (a user queryset) who may see `post`, as can_see_post."""
    thread = post.thread
    trainer, reads, moderates = _people_q(thread)
    opening_published = Post.objects.filter(thread=thread, depth=Post.OPENING,
                                            status=Post.PUBLISHED).exists()
    opening = _everyone() if opening_published else Q(pk=thread.author_id) | moderates
    published = post.status == Post.PUBLISHED and (
        post.parent_id is None or post.parent.status == Post.PUBLISHED)
    shown = _everyone() if published else moderates
    if post.status == Post.PENDING:
        shown |= Q(pk=post.author_id)
    return people.filter(trainer | (reads & opening & shown))
