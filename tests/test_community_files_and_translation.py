"""Attachments checked by their bytes and served through visibility; machine translation
through a pluggable provider (none by default: no button)."""

import pytest
from django.urls import reverse

from community import translation
from community.models import Attachment, Post, PostTranslation, Thread
from courses.storage import read_bytes

from .community_builders import (  # noqa: F401
    build_world,
    client_for,
    fresh_cache,
    image_bytes,
    make_post,
    upload,
)
from .community_mt import BracketProvider

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(course_en):
    return build_world(course_en)


def post_thread(world, files, title="With files"):
    return client_for(world, "learner_in").post(
        reverse("sse_community:new_thread", args=[world.cohort_space.pk, world.cohort_topic.pk]),
        {"kind": "discussion", "title": title, "body": "see attached", "language": "en", "tags": "",
         "attachments": files})


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_images_are_accepted_and_served_to_members_only(world, fmt):
    response = post_thread(world, [upload("../../etc/My photo.exe", image_bytes(fmt, (30, 20)))])
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.filename.startswith("My photo.") and not attachment.filename.endswith(".exe")
    assert (attachment.width, attachment.height) == (30, 20)
    url = reverse("sse_community:attachment", args=[attachment.pk])
    served = client_for(world, "learner_in").get(url)
    assert served.status_code == 200 and served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Type"] == f"image/{fmt.lower()}"
    assert bytes(served.content) == read_bytes(attachment.file)
    assert client_for(world, "learner_out").get(url).status_code == 404
    assert client_for(world, "anonymous").get(url).status_code == 404


def test_a_pdf_is_downloaded_not_shown(world):
    assert post_thread(world, [upload("notes.pdf", PDF)]).status_code == 302
    attachment = Attachment.objects.get()
    served = client_for(world, "facilitator_in").get(
        reverse("sse_community:attachment", args=[attachment.pk]))
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("name,data,message", [
    ("evil.png", b"<html><script>alert(1)</script></html>", "Only PNG, JPEG, GIF or WebP"),
    ("fake.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "damaged"),
    ("fake.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50, "damaged"),
    ("png-named-gif.gif", b"GIF89a" + image_bytes("PNG")[6:], "damaged"),
    ("page.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "Only PNG"),
    ("empty.pdf", b"", "empty"),
])
def test_bad_uploads_are_refused_and_nothing_is_written(world, name, data, message):
    response = post_thread(world, [upload(name, data)])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Thread.objects.filter(title="With files").exists()
    assert not Attachment.objects.exists()


def test_size_and_count_limits(world, settings):
    settings.ACADEMY_COMMUNITY_MAX_IMAGE_BYTES = 100
    response = post_thread(world, [upload("big.png", image_bytes("PNG", (200, 200)) + b"\x00" * 500)])
    assert response.status_code == 400 and "too large" in response.content.decode()
    settings.ACADEMY_COMMUNITY_MAX_IMAGE_BYTES = 5_000_000
    settings.ACADEMY_COMMUNITY_MAX_IMAGE_PIXELS = 100
    response = post_thread(world, [upload("wide.png", image_bytes("PNG", (50, 50)))])
    assert response.status_code == 400 and "too many pixels" in response.content.decode()
    settings.ACADEMY_COMMUNITY_MAX_ATTACHMENTS = 1
    response = post_thread(world, [upload("a.pdf", PDF), upload("b.pdf", PDF)])
    assert response.status_code == 400 and "At most 1" in response.content.decode()
    assert not Attachment.objects.exists()


def test_no_provider_means_no_translate_button(world):
    assert not translation.available()
    page = client_for(world, "learner_in").get(
        f"/fr/community/threads/{world.academy_thread.pk}/").content.decode()
    assert "/translate/" not in page
    post = world.academy_thread.posts.get()
    response = client_for(world, "learner_in").post(reverse("sse_community:translate", args=[post.pk]),
                                                    {"language": "fr"})
    assert response.status_code == 404


@pytest.fixture
def provider(settings):
    settings.ACADEMY_MACHINE_TRANSLATION_PROVIDER = "tests.community_mt.BracketProvider"
    BracketProvider.calls.clear()
    yield BracketProvider
    translation._load.cache_clear()


def test_translate_on_demand_cached_labelled_and_sanitised(world, provider):
    post = make_post(world.course_thread, world.learner_out, "We share **seeds**")
    client = client_for(world, "learner_in")
    thread_url = f"/fr/community/threads/{world.course_thread.pk}/"
    assert f"/community/posts/{post.pk}/translate/" in client.get(thread_url).content.decode()
    for _ in range(2):
        response = client.post(f"/fr/community/posts/{post.pk}/translate/", {"language": "fr"})
        assert response.status_code == 302
    assert provider.calls == [("We share **seeds**", "en", "fr")]  # once: then the cache
    page = client.get(thread_url).content.decode()
    translated = page.index("[fr] We share <strong>seeds</strong>")
    assert page.index("We share <strong>seeds</strong>") < translated  # the original stays, above
    assert "Traduction automatique" in page or "Machine translation" in page
    assert "window.__xss" not in page
    # the author edits: the old translation no longer shows, a new one is made on demand
    Post.objects.filter(pk=post.pk).update(body_markdown="We share **tools**")
    assert "[fr] We share" not in client.get(thread_url).content.decode()
    client.post(f"/fr/community/posts/{post.pk}/translate/", {"language": "fr"})
    assert PostTranslation.objects.get(post=post).source_body == "We share **tools**"
    # only the site's languages, and not the post's own
    for language in ("xx", "<script>", "en"):
        refused = client.post(f"/fr/community/posts/{post.pk}/translate/", {"language": language})
        assert refused.status_code == 400
    assert PostTranslation.objects.count() == 1
    # someone outside the cohort cannot translate a cohort's post
    cohort_post = world.cohort_thread.posts.get()
    assert client_for(world, "learner_out").post(
        reverse("sse_community:translate", args=[cohort_post.pk]), {"language": "fr"}).status_code == 404


def test_a_failing_provider_gives_a_clear_error(world, settings):
    settings.ACADEMY_MACHINE_TRANSLATION_PROVIDER = "tests.community_mt.BrokenProvider"
    try:
        post = world.academy_thread.posts.get()
        response = client_for(world, "learner_in").post(reverse("sse_community:translate", args=[post.pk]),
                                                        {"language": "fr"})
        assert response.status_code == 502 and "did not answer" in response.content.decode()
        assert not PostTranslation.objects.exists()
    finally:
        translation._load.cache_clear()
