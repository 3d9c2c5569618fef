"""Video blocks without the internet (issue #19): an address is kept when no embed
provider answers and learners get a link with the transcript; an uploaded video file
plays in the browser with its captions."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.test.utils.form_data import rich_text

from courses.models import LessonPage
from courses.role_setup import academy_collection
from courses.roles import TRAINERS

from .conftest import course_in, lessons_of
from .test_page_editor_blocks import editor_form, media  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db
OFFLINE_URL = "https://videos.example.org/sse/cooperatives-42"


@pytest.fixture
def offline(monkeypatch):
    """No provider can be reached: every embed lookup fails as it does without a network,
    and a lookup that still went out would fail the test."""
    tried = []

    def no_provider(url, *args, **kwargs):
        tried.append(url)
        raise EmbedNotFoundException

    monkeypatch.setattr("wagtail.embeds.embeds.get_finder_for_embed", no_provider)

    def no_network(*args, **kwargs):
        raise AssertionError("the test tried to reach the internet")

    monkeypatch.setattr("requests.sessions.Session.request", no_network)
    return tried


@pytest.fixture
def clip(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    collection = academy_collection()
    return {
        "video": Document.objects.create(
            title="Cooperatives in 2 minutes", collection=collection,
            file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="coops.mp4")),
        "captions": Document.objects.create(
            title="Cooperatives captions", collection=collection,
            file=ContentFile(b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n", name="coops.vtt")),
        "text": Document.objects.create(
            title="Notes", collection=collection,
            file=ContentFile(b"notes", name="notes.txt")),
    }


def video(url="", file="", captions="", title="", transcript="<p>We pool our savings.</p>"):
    return ("video", {"video": url, "file": file, "captions": captions, "title": title,
                      "transcript": rich_text(transcript)})


def publish(client, lesson, body):
    form = editor_form(lesson, body)
    form["action-publish"] = "action-publish"
    return client.post(f"/admin/pages/{lesson.id}/edit/", form)


@pytest.fixture
def trainer_client(django_user_model):
    trainer = django_user_model.objects.create_user(username="tess@example.org", password="x")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client = Client()
    client.force_login(trainer)
    return client


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_address_no_provider_answers_is_kept_and_shown_as_a_link_with_its_transcript(
        offline, trainer_client, learner_client, language):
    lesson = lessons_of(course_in(language))[0]
    saved = publish(trainer_client, lesson, [video(OFFLINE_URL, title="Cooperatives at work")])
    assert saved.status_code == 302, saved.content.decode()[:3000]
    block = LessonPage.objects.get(pk=lesson.pk).body[0]
    assert block.value["video"] == OFFLINE_URL

    page = learner_client.get(lesson.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="{OFFLINE_URL}"' in html
    assert "Cooperatives at work" in html
    assert "We pool our savings." in html
    assert offline == [OFFLINE_URL]
    # The failure is remembered: the next views do not wait on the provider again.
    learner_client.get(lesson.url)
    assert offline == [OFFLINE_URL]


def test_an_uploaded_video_plays_with_its_captions(clip, trainer_client, learner_client):
    lesson = lessons_of(course_in("fr"))[0]
    saved = publish(trainer_client, lesson, [
        video(file=clip["video"].pk, captions=clip["captions"].pk, title="Les coopératives")])
    assert saved.status_code == 302, saved.content.decode()[:3000]

    html = learner_client.get(lesson.url).content.decode()
    assert "<video controls" in html
    assert f'<source src="{clip["video"].url}" type="video/mp4">' in html
    assert f'<track kind="captions" src="{clip["captions"].url}" srclang="fr"' in html
    assert "Nous mettons" not in html and "We pool our savings." in html
    played = learner_client.get(clip["video"].url)
    assert played.status_code == 200
    assert b"".join(played.streaming_content).startswith(b"\x00\x00\x00\x18ftyp")
    captions = learner_client.get(clip["captions"].url)
    assert captions["Content-Type"].startswith("text/vtt")


@pytest.mark.parametrize(("value", "field", "message"), [
    ({}, "video", "Give the video's address or choose an uploaded video file."),
    ({"file": "text"}, "file", "Choose a file of type .mp4, .webm, .ogv."),
    ({"file": "video", "captions": "text"}, "captions", "Choose a file of type .vtt."),
    ({"url": OFFLINE_URL, "captions": "captions"}, "captions",
     "Captions go with an uploaded video file."),
])
def test_a_video_without_a_source_or_with_the_wrong_files_is_refused_and_nothing_is_saved(
        clip, offline, trainer_client, value, field, message):
    lesson = lessons_of(course_in("en"))[0]
    before = LessonPage.objects.get(pk=lesson.pk).latest_revision_id
    chosen = {key: clip[name].pk for key, name in value.items() if key != "url"}
    refused = publish(trainer_client, lesson, [video(value.get("url", ""), **chosen)])
    assert refused.status_code == 200
    [error] = refused.context["form"].errors["body"].as_data()
    assert error.as_json_data()["blockErrors"][0]["blockErrors"][field] == {"messages": [message]}
    assert LessonPage.objects.get(pk=lesson.pk).latest_revision_id == before


def test_a_video_stored_as_an_embed_before_keeps_playing(media, learner_client):  # noqa: F811
    """Values stored when the block held an oEmbed ({"video": url, "transcript": …})."""
    from .test_page_editor_blocks import VIDEO_URL

    lesson = LessonPage.objects.get(pk=lessons_of(course_in("en"))[0].pk)
    lesson.body = [("video", {"video": VIDEO_URL, "transcript": "<p>Old transcript</p>"})]
    lesson.save()
    html = learner_client.get(lesson.url).content.decode()
    assert '<iframe title="SSE"></iframe>' in html
    assert "Old transcript" in html
