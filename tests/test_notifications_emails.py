"""Notification emails: immediate or daily, in the reader's language, never twice,
always with an unsubscribe link that works without logging in."""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext_noop

from sse_notifications import services, tasks, visibility
from sse_notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db
# A message that already has French and Spanish translations in the catalogue.
WELCOME = gettext_noop("Welcome, %(name)s! Your account is ready.")


def prefer(user, mode, language="en"):
    NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_mode": mode, "language": language})


def notify(user, name="Ana", key="x.thread:1", url="/en/notifications/", **kwargs):
    return services.notify([user], WELCOME, params={"name": name}, url=url, target_key=key,
                           **kwargs)


def unsubscribe_path(email):
    match = re.search(r"https?://[^/\s]+(/\w\w/notifications/unsubscribe/[^/\s]+/)", email.body)
    assert match, email.body
    return match.group(1)


@pytest.fixture
def fake_visibility():
    visibility.register("fake.", lambda user, keys: {k for k in keys if not k.endswith(":gone")})
    yield
    visibility.unregister("fake.")


def test_immediately_sends_one_email_per_notification(learner, other_learner,
                                                      django_capture_on_commit_callbacks):
    prefer(learner, "immediately")
    with django_capture_on_commit_callbacks(execute=True):
        notify(learner, actor=other_learner)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["ana@example.org"]
    assert email.subject == "SSE Academy: Welcome, Ana! Your account is ready."
    assert "Welcome, Ana! Your account is ready." in email.body
    assert "http://127.0.0.1:8000/en/notifications/" in email.body
    html = email.alternatives[0][0]
    assert email.alternatives[0][1] == "text/html"
    assert '<a href="http://127.0.0.1:8000/en/notifications/">Welcome, Ana!' in html
    assert Notification.objects.get().emailed_at is not None
    # The worker retrying the same task sends nothing more.
    assert tasks.send_immediate_emails([Notification.objects.get().pk]) == 0
    assert len(mail.outbox) == 1


def test_never_and_daily_send_nothing_at_once(learner, other_learner,
                                             django_capture_on_commit_callbacks):
    prefer(learner, "never")
    with django_capture_on_commit_callbacks(execute=True):
        notify(learner)
        notify(other_learner)  # no preference yet: the daily digest by default
    assert mail.outbox == []
    tasks.send_daily_digests()
    assert [m.to for m in mail.outbox] == [["ben@example.org"]]


def test_unsubscribe_headers_follow_rfc_8058(learner, django_capture_on_commit_callbacks):
    prefer(learner, "immediately")
    with django_capture_on_commit_callbacks(execute=True):
        notify(learner)
    email = mail.outbox[0]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.extra_headers["List-Unsubscribe"] == f"<http://127.0.0.1:8000{unsubscribe_path(email)}>"


def test_daily_digest_lists_everything_new_once(learner, other_learner):
    for name in ("One", "Two", "Three"):
        notify(learner, name=name)
    notify(other_learner, name="Other")
    assert tasks.send_daily_digests() == 2
    mine = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    assert mine.subject == "SSE Academy: Your daily summary: 3 new notifications"
    for name in ("One", "Two", "Three"):
        assert f"Welcome, {name}! Your account is ready." in mine.body
        assert f"Welcome, {name}! Your account is ready." in mine.alternatives[0][0]
    assert "Other" not in mine.body


def test_digest_is_idempotent_and_at_most_daily(learner):
    notify(learner, name="First")
    tasks.send_daily_digests()
    tasks.send_daily_digests()
    assert tasks.send_digest(learner.pk) == 0  # a retried or duplicated task
    assert len(mail.outbox) == 1

    notify(learner, name="Second")
    tasks.send_daily_digests()
    assert len(mail.outbox) == 1  # the same day: it waits for tomorrow's digest

    NotificationPreference.objects.filter(user=learner).update(
        last_digest_at=timezone.now() - timedelta(days=1))
    tasks.send_daily_digests()
    assert len(mail.outbox) == 2
    assert "Second" in mail.outbox[1].body and "First" not in mail.outbox[1].body
    assert mail.outbox[1].subject.endswith("1 new notification")


def test_digest_leaves_out_read_and_old_notifications(learner, settings):
    settings.ACADEMY_NOTIFICATIONS_DIGEST_MAX_ITEMS = 2
    old = notify(learner, name="Old")[0]
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    read = notify(learner, name="Read")[0]
    services.mark_read(learner, read.pk)
    for name in ("A", "B", "C"):
        notify(learner, name=name)
    tasks.send_daily_digests()
    body = mail.outbox[0].body
    assert "Old" not in body and "Read" not in body
    assert "…and 1 more on the site." in body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 3


def test_visibility_filter_removes_items_from_digest_and_immediate(
        learner, other_learner, fake_visibility, django_capture_on_commit_callbacks):
    notify(learner, name="Visible", key="fake.thread:1")
    notify(learner, name="Hidden", key="fake.thread:2:gone")
    tasks.send_daily_digests()
    assert "Visible" in mail.outbox[0].body
    assert "Hidden" not in mail.outbox[0].body and "Hidden" not in mail.outbox[0].alternatives[0][0]
    assert mail.outbox[0].subject.endswith("1 new notification")

    prefer(other_learner, "immediately")
    with django_capture_on_commit_callbacks(execute=True):
        notify(other_learner, name="Gone", key="fake.thread:3:gone")
    assert len(mail.outbox) == 1


def test_user_text_is_escaped_in_html_emails(learner):
    notify(learner, name="<script>alert(1)</script>")
    tasks.send_daily_digests()
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_unsubscribe_link_from_the_email_works_logged_out(learner):
    notify(learner)
    tasks.send_daily_digests()
    path = unsubscribe_path(mail.outbox[0])
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200
    assert "stop all notification emails to ana@example.org" in page.content.decode()
    assert NotificationPreference.objects.get(user=learner).email_mode == "daily"

    token = client.cookies["csrftoken"].value
    done = client.post(path, {"csrfmiddlewaretoken": token})
    assert done.status_code == 200
    assert "We will not send notification emails to ana@example.org" in done.content.decode()
    assert NotificationPreference.objects.get(user=learner).email_mode == "never"

    NotificationPreference.objects.filter(user=learner).update(last_digest_at=None)
    notify(learner, name="After")
    tasks.send_daily_digests()
    assert len(mail.outbox) == 1


def test_one_click_unsubscribe_by_a_mail_client(learner, django_capture_on_commit_callbacks):
    prefer(learner, "immediately")
    with django_capture_on_commit_callbacks(execute=True):
        notify(learner)
    path = unsubscribe_path(mail.outbox[0])
    # Mail providers POST without cookies or CSRF token (RFC 8058).
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        notify(learner)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_unsubscribe_token_is_refused_and_changes_nothing(learner, other_learner, method):
    notify(learner)
    tasks.send_daily_digests()
    path = unsubscribe_path(mail.outbox[0])
    token = path.rstrip("/").rsplit("/", 1)[1]
    payload, rest = token.split(":", 1)
    # Someone else's id with this token's signature.
    forged = signing.b64_encode(json.dumps({"u": other_learner.pk}).encode()).decode() + ":" + rest
    tampered = [path.replace(token, payload[:-2] + "xx:" + rest),
                path.replace(token, token[:-3]), "/en/notifications/unsubscribe/garbage/",
                path.replace(token, forged)]
    assert forged != token
    for url in tampered:
        response = getattr(Client(), method)(url)
        assert response.status_code == 400, url
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert set(NotificationPreference.objects.values_list("email_mode", flat=True)) == {"daily"}


@pytest.mark.parametrize("language, subject, phrases", [
    ("en", "SSE Academy: Your daily summary: 2 new notifications",
     ["Hello Ana,", "Welcome, Lu! Your account is ready.", "Stop these emails:",
      "Here is what happened since your last summary: 2 new notifications."]),
    ("fr", "Académie ESS : Votre récapitulatif du jour : 2 nouvelles notifications",
     ["Bonjour Ana,", "Bienvenue, Lu ! Votre compte est prêt.", "Ne plus recevoir ces e-mails :",
      "Voici ce qui s’est passé depuis votre dernier récapitulatif : 2 nouvelles notifications."]),
    ("es", "Academia ESS: Tu resumen del día: 2 notificaciones nuevas",
     ["Hola, Ana:", "¡Te damos la bienvenida, Lu! Tu cuenta está lista.", "Dejar de recibir estos correos:",
      "Esto es lo que ha pasado desde tu último resumen: 2 notificaciones nuevas."]),
])
def test_digest_in_the_readers_language(learner, language, subject, phrases):
    prefer(learner, "daily", language)
    notify(learner, name="Lu", url="/en/notifications/")
    notify(learner, name="Lu")
    tasks.send_daily_digests()
    email = mail.outbox[0]
    assert email.subject == subject
    for phrase in phrases:
        assert phrase in email.body, email.body
    assert f"/{language}/notifications/unsubscribe/" in email.body
    assert f"http://127.0.0.1:8000/{language}/notifications/" in email.body  # the link follows
    html = email.alternatives[0][0]
    assert f'<html lang="{language}">' in html and phrases[1] in html


def test_purge_deletes_only_notifications_past_the_retention_period(learner, settings):
    settings.ACADEMY_NOTIFICATIONS_KEEP_DAYS = 30
    old, recent = notify(learner, name="Old")[0], notify(learner, name="Recent")[0]
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert tasks.purge_old_notifications() == 1
    assert list(Notification.objects.values_list("pk", flat=True)) == [recent.pk]


def test_beat_schedule_runs_the_digest_and_the_purge(settings):
    from demo_site.celery import app

    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"sse_notifications.tasks.send_daily_digests",
            "sse_notifications.tasks.purge_old_notifications"} <= tasks_scheduled
    assert {"sse_notifications.tasks.send_daily_digests",
            "sse_notifications.tasks.purge_old_notifications"} <= set(app.tasks)
