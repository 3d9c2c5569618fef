"""Who sees which space, thread and post: the rules of community/visibility.py, over the
six roles, through the querysets every view, search and notification uses."""

import pytest
from django.contrib.auth.models import AnonymousUser

from community.models import Post
from community.permissions import can_moderate
from community.visibility import (
    can_see_post,
    can_see_thread,
    readers_of_post,
    readers_of_thread,
    visible_posts,
    visible_spaces,
    visible_target_keys,
    visible_threads,
)

from .community_builders import ROLES, build_world, make_post, make_thread, make_user, user_of

pytestmark = pytest.mark.django_db

# thread → roles that see it
SEES = {
    "academy_thread": set(ROLES),
    "course_thread": set(ROLES) - {"anonymous"},
    "ideas_thread": set(ROLES) - {"anonymous"},
    "divided_thread": {"learner_in", "facilitator_in", "trainer"},
    "cohort_thread": {"learner_in", "facilitator_in", "trainer"},
}
MODERATES = {
    "academy_thread": {"trainer"},
    "course_thread": {"facilitator_in", "facilitator_out", "trainer"},
    "divided_thread": {"facilitator_in", "trainer"},
    "cohort_thread": {"facilitator_in", "trainer"},
}


@pytest.fixture
def world(course_en):
    return build_world(course_en)


def viewer(world, role):
    return user_of(world, role) or AnonymousUser()


@pytest.mark.parametrize("role", ROLES)
def test_threads_each_role_sees(world, role):
    user = viewer(world, role)
    seen = set(visible_threads(user).values_list("title", flat=True))
    expected = {getattr(world, name).title for name, roles in SEES.items() if role in roles}
    assert seen == expected
    for name, roles in SEES.items():
        assert can_see_thread(user, getattr(world, name)) == (role in roles)


@pytest.mark.parametrize("role", ROLES)
def test_cohort_space_is_invisible_to_non_members(world, role):
    ids = set(visible_spaces(viewer(world, role)).values_list("pk", flat=True))
    assert (world.cohort_space.pk in ids) == (role in SEES["cohort_thread"])
    assert (world.course_space.pk in ids) == (role != "anonymous")
    assert world.academy_space.pk in ids


@pytest.mark.parametrize("role", ROLES)
def test_who_moderates_what(world, role):
    user = viewer(world, role)
    for name, roles in MODERATES.items():
        assert can_moderate(user, getattr(world, name)) == (role in roles), name


def test_hidden_and_pending_posts(world):
    thread = world.course_thread
    hidden = make_post(thread, world.learner_in, "hidden words", status=Post.HIDDEN)
    pending = make_post(thread, world.learner_out, "pending words", status=Post.PENDING)
    comment_of_hidden = make_post(thread, world.learner_out, "under hidden", depth=Post.COMMENT,
                                  parent=hidden)

    def sees(user, post):
        return visible_posts(user).filter(pk=post.pk).exists()

    # the author of a hidden post no longer sees it; a pending post is seen by its author
    assert not sees(world.learner_in, hidden)
    assert sees(world.learner_out, pending) and not sees(world.learner_in, pending)
    assert not sees(world.learner_in, comment_of_hidden)
    for moderator in (world.facilitator_in, world.facilitator_out, world.trainer):
        assert sees(moderator, hidden) and sees(moderator, pending)


def test_thread_with_pending_opening_is_only_for_author_and_moderators(world):
    thread = make_thread(world.course_topic, world.learner_out, "Waiting", status=Post.PENDING)
    assert can_see_thread(world.learner_out, thread)
    assert can_see_thread(world.facilitator_in, thread)
    assert not can_see_thread(world.learner_in, thread)


def test_notification_keys_follow_visibility(world):
    keys = [world.cohort_thread.target_key(), world.academy_thread.target_key(),
            f"community.space:{world.cohort_space.pk}", "community.thread:999999", "community.bogus:1"]
    assert visible_target_keys(world.learner_out, keys) == {world.academy_thread.target_key()}
    assert visible_target_keys(world.learner_in, keys) == {
        world.cohort_thread.target_key(), world.academy_thread.target_key(),
        f"community.space:{world.cohort_space.pk}"}


def test_leaving_a_cohort_hides_its_threads(world):
    from community.viewers import forget

    assert can_see_thread(world.learner_in, world.cohort_thread)
    world.cohort_in.memberships.filter(user=world.learner_in).delete()
    forget(world.learner_in)
    assert not can_see_thread(world.learner_in, world.cohort_thread)
    assert not can_see_thread(world.learner_in, world.divided_thread)


def test_the_bulk_readers_of_a_thread_or_post_agree_with_each_persons_view(
        world, django_user_model, django_assert_max_num_queries):
    """Notification fan-out filters all followers in one query; it must say exactly
    what the per-person rules say, for every place, status and role."""
    from community.viewers import forget

    people = [user_of(world, role) for role in ROLES if role != "anonymous"]
    people += [make_user("stranger@example.org"),
               django_user_model.objects.create_superuser("root@example.org", "root@example.org", "x")]
    waiting = make_thread(world.course_topic, world.learner_out, "Waiting", status=Post.PENDING)
    threads = [getattr(world, name) for name in SEES] + [waiting]
    hidden = make_post(world.course_thread, world.learner_in, "hidden", status=Post.HIDDEN)
    posts = [
        make_post(world.divided_thread, world.learner_in, "in the cohort"),
        make_post(world.cohort_thread, world.facilitator_in, "private"),
        make_post(world.course_thread, world.learner_out, "pending", status=Post.PENDING),
        hidden,
        make_post(world.course_thread, world.learner_out, "under hidden", depth=Post.COMMENT,
                  parent=hidden),
        make_post(waiting, world.facilitator_in, "reply to a waiting thread"),
        make_post(world.academy_thread, world.learner_out, "open to all"),
    ]
    everyone = django_user_model.objects.filter(pk__in=[p.pk for p in people])
    for person in people:
        forget(person)
    for thread in threads:
        expected = {p.username for p in people if can_see_thread(p, thread)}
        with django_assert_max_num_queries(4):
            readers = {u.username for u in readers_of_thread(thread, everyone)}
        assert readers == expected, thread.title
    for post in posts:
        expected = {p.username for p in people if can_see_post(p, post)}
        with django_assert_max_num_queries(5):
            readers = {u.username for u in readers_of_post(post, everyone)}
        assert readers == expected, post.body_markdown
