"""On PostgreSQL: supports under parallel requests (separate connections) never exceed the
per-space limit, endorsement is set exactly when the threshold is reached, and full-text
search uses each language's configuration while respecting visibility."""

import threading

import pytest
from django.db import connection

from community.models import Idea, Support, SupportAllowance
from community.search import search_posts
from community.services import ideas
from courses import progress
from courses.permissions import Refused

from ..community_builders import build_world, make_post, make_user
from ..conftest import course_in, on_postgres, require

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(catalog, settings):
    require(on_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    settings.ACADEMY_COMMUNITY_RATE_SUPPORT = (1000, 60)
    return build_world(course_in("en"))


def new_idea(world, title):
    return ideas.add_idea(world.learner_out, world.ideas_thread, title=title, need="n",
                          description="d", country="", language="en")


def in_parallel(calls):
    """Run the calls at the same moment, each on its own database connection."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            call()
            outcomes[index] = "ok"
        except Refused as refused:
            outcomes[index] = refused.status
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return outcomes


def test_parallel_supports_never_exceed_the_limit(world, settings):
    settings.ACADEMY_COMMUNITY_SUPPORTS_PER_SPACE = 3
    settings.ACADEMY_COMMUNITY_ENDORSEMENT_THRESHOLD = 100
    targets = [new_idea(world, f"Idea {n}") for n in range(8)]
    outcomes = in_parallel([lambda idea=idea: ideas.support(world.learner_in, idea) for idea in targets])
    assert outcomes.count("ok") == 3 and outcomes.count(409) == 5, outcomes
    assert Support.objects.filter(user=world.learner_in).count() == 3
    assert SupportAllowance.objects.get(user=world.learner_in).used == 3
    assert sum(Idea.objects.values_list("support_count", flat=True)) == 3


def test_parallel_double_clicks_count_once(world):
    idea = new_idea(world, "Seed bank")
    outcomes = in_parallel([lambda: ideas.support(world.learner_in, idea) for _ in range(5)])
    assert outcomes.count("ok") == 1 and outcomes.count(409) == 4, outcomes
    assert Idea.objects.get(pk=idea.pk).support_count == 1
    assert SupportAllowance.objects.get(user=world.learner_in).used == 1


@pytest.mark.parametrize("supporters,endorsed", [(4, False), (5, True), (9, True)])
def test_endorsement_exactly_at_the_threshold_under_parallel_supports(world, settings, supporters,
                                                                        endorsed):
    settings.ACADEMY_COMMUNITY_ENDORSEMENT_THRESHOLD = 5
    idea = new_idea(world, "Seed bank")
    people = [make_user(f"s{n}@example.org") for n in range(supporters)]
    for person in people:
        progress.enrol(person, world.course)  # supporters take part in the course space
    outcomes = in_parallel([lambda person=person: ideas.support(person, idea) for person in people])
    assert outcomes == ["ok"] * supporters
    idea.refresh_from_db()
    assert idea.support_count == supporters
    assert idea.endorsed == endorsed


def test_postgres_full_text_search_by_language_and_visibility(world):
    make_post(world.course_thread, world.learner_out, "Les coopératives agricoles partagent", language="fr")
    make_post(world.course_thread, world.learner_out, "Cooperatives are sharing machines", language="en")
    make_post(world.cohort_thread, world.learner_in, "Our cooperatives in Dakar share seeds")

    def found(user, query, language=None):
        return sorted(post.body_markdown for post in search_posts(user, query, language))

    # the English configuration stems: "share" finds "sharing" and "share"
    assert found(world.learner_in, "share cooperative", "en") == [
        "Cooperatives are sharing machines", "Our cooperatives in Dakar share seeds"]
    assert found(world.learner_out, "share cooperative", "en") == ["Cooperatives are sharing machines"]
    # French stemming: "coopérative agricole" finds the plural forms
    assert found(world.learner_out, "coopérative agricole", "fr") == [
        "Les coopératives agricoles partagent"]
    # all languages: the 'simple' configuration, whole words
    assert found(world.learner_out, "machines") == ["Cooperatives are sharing machines"]
    # websearch syntax: quotes and minus
    assert found(world.learner_in, '"share seeds" -machines') == ["Our cooperatives in Dakar share seeds"]
