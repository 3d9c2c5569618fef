"""On PostgreSQL, with one database connection per request: N people report a post at the
same moment; it is hidden exactly once, with exactly one automatic audit row, and a
person's double click counts once (the unique constraint on open reports)."""

import pytest

from community.models import Post
from community.moderation.models import ModerationAction, Report
from community.moderation.services import reports

from ..community_moderation_builders import extra_learners, moderation_world
from ..conftest import course_in, on_postgres, require
from .test_community_postgres import in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(catalog, settings):
    require(on_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    settings.ACADEMY_COMMUNITY_RATE_REPORT = (1000, 60)
    settings.ACADEMY_COMMUNITY_REPORTS_TO_HIDE = 3
    return moderation_world(course_in("en"))


def report_by(person, post):
    return lambda: reports.report(person, post, reason=Report.SPAM)


def test_parallel_reports_hide_the_post_exactly_once(world):
    reporters = extra_learners(world, 8)
    post = world.divided_post
    outcomes = in_parallel([report_by(person, post) for person in reporters])
    # Those that arrive after the hide see a withheld post (409); at least the threshold got in.
    assert set(outcomes) <= {"ok", 409}, outcomes
    assert outcomes.count("ok") >= 3, outcomes
    assert Report.objects.filter(post=post).count() == outcomes.count("ok")
    assert Post.objects.get(pk=post.pk).status == Post.HIDDEN
    assert ModerationAction.objects.filter(action=ModerationAction.AUTO_HIDDEN, post=post).count() == 1
    assert ModerationAction.objects.count() == 1


def test_below_the_threshold_in_parallel_nothing_is_hidden(world):
    reporters = extra_learners(world, 2)
    outcomes = in_parallel([report_by(person, world.divided_post) for person in reporters])
    assert outcomes == ["ok", "ok"]
    assert Post.objects.get(pk=world.divided_post.pk).status == Post.PUBLISHED
    assert not ModerationAction.objects.exists()


def test_a_double_click_reports_once(world):
    outcomes = in_parallel([report_by(world.learner_in, world.divided_post) for _ in range(5)])
    assert outcomes.count("ok") == 1 and outcomes.count(409) == 4, outcomes
    assert Report.objects.filter(post=world.divided_post).count() == 1
