"""Every field a learner (or facilitator) writes goes through the XSS corpus: post bodies,
thread titles, idea cards, tags, attachment file names, syntheses, and a machine
translation. The rendered pages must contain nothing that can run script."""

import pytest
from django.urls import reverse

from community.models import Post, Thread
from community.rendering import render_markdown

from .community_builders import build_world, client_for, fresh_cache, image_bytes, upload  # noqa: F401
from .community_xss import CORPUS, PAGE_TAGS, problems_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def test_the_corpus_is_large_enough():
    assert len(set(CORPUS)) >= 30


@pytest.mark.parametrize("vector", CORPUS)
def test_markdown_rendering_removes_every_vector(vector):
    rendered = render_markdown(vector)
    assert problems_in(rendered) == []
    assert "javascript:" not in rendered.lower()
    assert "<img" not in rendered and "style=" not in rendered


def test_the_checker_catches_what_it_should():
    # the checker itself must fail on raw vectors, or the tests above prove nothing
    caught = [vector for vector in CORPUS if problems_in(vector)]
    assert len(caught) >= 30


@pytest.fixture
def world(course_en, settings):
    settings.ACADEMY_COMMUNITY_RATE_POST = (1000, 60)
    return build_world(course_en)


@pytest.mark.parametrize("vector", CORPUS)
def test_every_learner_field_renders_safely(world, vector):
    learner = client_for(world, "learner_in")
    facilitator = client_for(world, "facilitator_in")
    space, topic = world.course_space, world.course_topic
    response = learner.post(reverse("sse_community:new_thread", args=[space.pk, topic.pk]), {
        "kind": "question", "title": vector[:200], "body": vector, "language": "en", "tags": "",
        "attachments": [upload(vector[:90] + ".png", image_bytes())],
    })
    assert response.status_code == 302, response.content[:300]
    thread = Thread.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[-1]))
    assert learner.post(reverse("sse_community:reply", args=[thread.pk]),
                        {"body": vector, "language": "fr"}).status_code == 302
    response_post = thread.posts.get(depth=Post.RESPONSE)
    assert learner.post(reverse("sse_community:reply", args=[thread.pk]),
                        {"body": vector, "language": "es", "parent": response_post.pk}).status_code == 302
    assert learner.post(reverse("sse_community:add_idea", args=[world.ideas_thread.pk]), {
        "title": vector[:200], "need": vector, "description": vector, "country": vector[:100],
        "language": "en", "tags": "",
    }).status_code == 302
    assert facilitator.post(reverse("sse_community:synthesis", args=[thread.pk]),
                            {"body": vector}).status_code == 302

    pages = [
        reverse("sse_community:thread", args=[thread.pk]),
        reverse("sse_community:thread", args=[world.ideas_thread.pk]),
        reverse("sse_community:space", args=[space.pk]),
        reverse("sse_community:learned", args=[world.course_key]),
        reverse("sse_community:search") + "?q=" + "xss",
        reverse("sse_community:index"),
    ]
    for url in pages:
        page = learner.get(url)
        assert page.status_code == 200
        assert problems_in(page.content.decode(), PAGE_TAGS) == [], url


@pytest.mark.parametrize("tags", ["<script>", "a\"onmouseover=alert(1)", "x'><img src=x>",
                                  "javascript:alert(1)"])
def test_tags_with_markup_are_refused_and_nothing_is_written(world, tags):
    response = client_for(world, "learner_in").post(
        reverse("sse_community:new_thread", args=[world.course_space.pk, world.course_topic.pk]),
        {"kind": "discussion", "title": "Tagged", "body": "b", "language": "en", "tags": tags})
    assert response.status_code == 400
    assert b"Tags use letters" in response.content
    assert not Thread.objects.filter(title="Tagged").exists()
