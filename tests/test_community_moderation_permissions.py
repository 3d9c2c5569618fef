"""The moderation permission matrix: six roles × every moderation page and action.

403 for anonymous people (log in first) and for people who see the post but do not
moderate it; 404 for people who may not know it exists (another cohort's discussions,
hidden or pending posts); 200/302 on success. Every successful moderator action writes
exactly one audit row; every refused request writes nothing."""

import datetime

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from community.models import Post
from community.moderation.models import ModerationAction, Report, Suspension

from .community_builders import ROLES, client_for
from .community_moderation_builders import (  # noqa: F401  (in_english is a fixture)
    hidden_post,
    in_english,
    moderation_world,
    pending_post,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

ANON, L_IN, L_OUT, F_IN, F_OUT, TRAINER = ROLES


def statuses(ok, ok_roles, default, **others):
    return {role: ok if role in ok_roles else others.get(role, default) for role in ROLES}


def cohort_scoped(ok, learner_in=403):
    """A divided topic or cohort space: the cohort's facilitator and trainers act; the
    cohort's learner sees but may not act; everyone outside does not see it."""
    return statuses(ok, {F_IN, TRAINER}, 404, anonymous=403, learner_in=learner_in)


MODERATORS_ONLY_PAGE = statuses(200, {F_IN, F_OUT, TRAINER}, 403)
TOMORROW = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()


def url(name, *args):
    return reverse(f"sse_moderation:{name}", args=args)


def on_post(name, attr_or_maker, *extra, method="post", data=None):
    def make(world):
        target = attr_or_maker(world) if callable(attr_or_maker) else getattr(world, attr_or_maker)
        return method, url(name, target.pk, *extra), data or {}
    return make


def on_thread(name, attr, *extra, data=None):
    return lambda w: ("post", url(name, getattr(w, attr).pk, *extra),
                      data(w) if callable(data) else (data or {}))


def _reported(world):
    Report.objects.create(post=world.divided_post, reporter=world.learner_in, reason=Report.SPAM)
    return world.divided_post


def _suspension(world):
    return Suspension.objects.create(user=world.carla, space=world.cohort_space, reason="Flood",
                                     until=timezone.now() + datetime.timedelta(days=3),
                                     by=world.trainer)


REPORT = {"reason": Report.SPAM}
EDIT = {"body": "Cleaned text", "reason": "Personal data removed"}
SUSPEND = {"until": TOMORROW, "reason": "Repeated insults"}

MATRIX = {
    # pages
    "queue": (lambda w: ("get", url("queue"), {}), MODERATORS_ONLY_PAGE),
    "log": (lambda w: ("get", url("log"), {}), MODERATORS_ONLY_PAGE),
    "report form, divided topic": (on_post("report", "divided_post", method="get"),
                                   statuses(200, {L_IN, F_IN, TRAINER}, 404, anonymous=403)),
    "report form, academy space": (on_post("report", "academy_post", method="get"),
                                   statuses(200, set(ROLES) - {ANON}, 403)),
    "post page, divided topic": (on_post("post", "divided_post", method="get"), cohort_scoped(200)),
    "post page, course topic": (on_post("post", "course_post", method="get"),
                                statuses(200, {F_IN, F_OUT, TRAINER}, 403)),
    "thread page, divided topic": (lambda w: ("get", url("thread", w.divided_thread.pk), {}),
                                   cohort_scoped(200)),
    # reports
    "report, divided topic": (on_post("report", "divided_post", data=REPORT),
                              statuses(302, {L_IN, F_IN, TRAINER}, 404, anonymous=403)),
    "report, cohort space": (on_post("report", "cohort_post", data=REPORT),
                             statuses(302, {L_IN, F_IN, TRAINER}, 404, anonymous=403)),
    "report own post": (on_post("report", lambda w: w.divided_thread.posts.get(depth=0), data=REPORT),
                        statuses(302, {F_IN, TRAINER}, 404, anonymous=403, learner_in=400)),
    # post actions
    "hide, divided topic": (on_post("post_action", "divided_post", "hide"), cohort_scoped(302)),
    "hide, cohort space": (on_post("post_action", "cohort_post", "hide"), cohort_scoped(302)),
    "hide, unified course topic": (on_post("post_action", "course_post", "hide"),
                                   statuses(302, {F_IN, F_OUT, TRAINER}, 403)),
    "hide, academy space": (on_post("post_action", "academy_post", "hide"),
                            statuses(302, {TRAINER}, 403)),
    "unhide": (on_post("post_action", lambda w: hidden_post(w.divided_thread, w.carla), "unhide"),
               cohort_scoped(302, learner_in=404)),
    "approve": (on_post("post_action", lambda w: pending_post(w.divided_thread, w.carla), "approve"),
                cohort_scoped(302, learner_in=404)),
    "reject": (on_post("post_action", lambda w: pending_post(w.divided_thread, w.carla), "reject"),
               cohort_scoped(302, learner_in=404)),
    "dismiss reports": (on_post("post_action", _reported, "dismiss"), cohort_scoped(302)),
    "edit with a reason": (on_post("edit", "divided_post", data=EDIT), cohort_scoped(302)),
    "suspend the author, cohort space": (on_post("suspend", "cohort_post", data=SUSPEND),
                                         cohort_scoped(302)),
    "lift a suspension, cohort space": (lambda w: ("post", url("lift", _suspension(w).pk), {}),
                                        cohort_scoped(302)),
    # thread actions
    "lock": (on_thread("thread_action", "divided_thread", "lock"), cohort_scoped(302)),
    "pin": (on_thread("thread_action", "divided_thread", "pin"), cohort_scoped(302)),
    "move to the cohort's space": (
        on_thread("move", "divided_thread", data=lambda w: {"topic": w.cohort_topic.pk}),
        cohort_scoped(302)),
    # bad input
    "unknown post action": (on_post("post_action", "divided_post", "explode"), cohort_scoped(400)),
    "unknown thread action": (on_thread("thread_action", "divided_thread", "explode"),
                              cohort_scoped(400)),
    "unknown post id": (lambda w: ("post", url("post_action", 987654, "hide"), {}),
                        statuses(404, set(ROLES) - {ANON}, 403)),
    "GET on an action": (on_post("post_action", "divided_post", "hide", method="get"),
                         statuses(405, ROLES, 405)),
}

# A successful report writes no audit row (it is not a moderator's act) unless it hides the post.
WRITES_NO_AUDIT = {name for name in MATRIX if name.startswith(("report", "queue", "log", "post page",
                                                               "thread page"))}


@pytest.mark.parametrize("action", MATRIX)
def test_permission_matrix(course_en, action):
    world = moderation_world(course_en)
    make_request, expected = MATRIX[action]
    got, audit_rows = {}, {}
    for role in ROLES:
        # each role acts on a fresh copy of the world: the savepoint is rolled back
        with transaction.atomic():
            cache.clear()  # rate-limit counters
            method, address, data = make_request(world)
            before = ModerationAction.objects.count()
            response = getattr(client_for(world, role), method)(address, data)
            got[role] = response.status_code
            audit_rows[role] = ModerationAction.objects.count() - before
            transaction.set_rollback(True)
    assert got == expected, action
    for role, status in got.items():
        written = 1 if status == 302 and action not in WRITES_NO_AUDIT else 0
        assert audit_rows[role] == written, (action, role)


def test_a_refused_moderator_changes_nothing(course_en):
    world = moderation_world(course_en)
    response = client_for(world, F_OUT).post(url("post_action", world.divided_post.pk, "hide"))
    assert response.status_code == 404
    world.divided_post.refresh_from_db()
    assert world.divided_post.status == Post.PUBLISHED
    response = client_for(world, L_IN).post(url("edit", world.divided_post.pk), EDIT)
    assert response.status_code == 403
    assert "do not moderate" in response.content.decode()
    world.divided_post.refresh_from_db()
    assert world.divided_post.body_markdown == "Carla in the Dakar topic"
    assert not world.divided_post.revisions.exists()
    assert not ModerationAction.objects.exists()


def test_moderation_posts_need_the_csrf_token(course_en):
    from django.test import Client

    world = moderation_world(course_en)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.trainer)
    response = client.post(url("post_action", world.divided_post.pk, "hide"))
    assert response.status_code == 403
    world.divided_post.refresh_from_db()
    assert world.divided_post.status == Post.PUBLISHED
    assert not ModerationAction.objects.exists()
