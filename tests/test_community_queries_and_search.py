"""Community pages cost a fixed number of queries whatever the number of posts or threads;
search finds words and respects visibility (the SQLite fallback; PostgreSQL full-text search
is tested in tests/integration/test_community_postgres.py)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.community import build_thread, build_threads, community_member
from community.search import search_posts

from .community_builders import build_world, client_for, fresh_cache, make_post  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
MAX_QUERIES = 16


def count_queries(client, url, expected):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200 and expected in response.content.decode()
    return len(captured)


def test_thread_page_queries_do_not_grow_with_posts():
    user, course = community_member("reader")
    client = Client()
    client.force_login(user)
    counts = {}
    for size in (5, 60):
        thread = build_thread(user, course, size, f"Question {size}")
        counts[size] = count_queries(client, reverse("sse_community:thread", args=[thread.pk]),
                                     "Accepted answer")
    assert counts[5] == counts[60] <= MAX_QUERIES, counts


def test_space_page_and_index_queries_do_not_grow_with_threads():
    user, course = community_member("reader")
    client = Client()
    client.force_login(user)
    space = build_threads(user, course, 5)
    small = (count_queries(client, reverse("sse_community:space", args=[space.pk]), "Bench thread 4"),
             count_queries(client, reverse("sse_community:index"), "5 discussions"))
    build_threads(user, course, 60)
    large = (count_queries(client, reverse("sse_community:space", args=[space.pk]), "#bench"),
             count_queries(client, reverse("sse_community:index"), "65 discussions"))
    assert small == large and max(large) <= MAX_QUERIES, (small, large)


def test_search_finds_words_only_in_visible_posts(course_en):
    world = build_world(course_en)
    make_post(world.cohort_thread, world.learner_in, "Our cassava cooperative in Dakar")
    make_post(world.course_thread, world.learner_out, "A cassava mill for the whole village")
    make_post(world.course_thread, world.learner_out, "Coopérative de manioc", language="fr")
    titles = lambda user, q, lang=None: sorted(  # noqa: E731
        post.body_markdown for post in search_posts(user, q, lang))
    assert titles(world.learner_in, "cassava") == ["A cassava mill for the whole village",
                                                   "Our cassava cooperative in Dakar"]
    assert titles(world.learner_out, "cassava") == ["A cassava mill for the whole village"]
    assert titles(world.learner_out, "cassava mill") == ["A cassava mill for the whole village"]
    assert titles(world.learner_out, "manioc", "fr") == ["Coopérative de manioc"]
    assert titles(world.learner_out, "manioc", "en") == []
    assert titles(world.learner_out, "   ") == []
    page = client_for(world, "learner_out").get(reverse("sse_community:search") + "?q=cassava")
    assert "village" in page.content.decode() and "Dakar" not in page.content.decode()
    anonymous = client_for(world, "anonymous").get(reverse("sse_community:search") + "?q=cassava")
    assert "village" not in anonymous.content.decode()
