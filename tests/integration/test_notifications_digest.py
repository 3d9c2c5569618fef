"""The daily digest and immediate emails, sent by a real Celery worker on Redis
against PostgreSQL. The worker writes its emails to files that the test reads."""

import email
from email import policy

import pytest
from django.db import transaction
from django.utils.translation import gettext_noop

from sse_notifications import services
from sse_notifications.models import Notification, NotificationPreference
from sse_notifications.tasks import send_daily_digests, send_digest

from .conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
WELCOME = gettext_noop("Welcome, %(name)s! Your account is ready.")
SEPARATOR = "\n" + "-" * 79 + "\n"


@pytest.fixture
def mail_dir(tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


@pytest.fixture
def worker_env(mail_dir):
    return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(mail_dir)}


def sent_emails(mail_dir):
    """Every message the worker wrote (the file backend appends them with a separator)."""
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for part in path.read_bytes().split(SEPARATOR.encode()):
            if part.strip():
                messages.append(email.message_from_bytes(part.lstrip(b"\n"), policy=policy.default))
    return messages


def subject(message):
    return " ".join(str(message["Subject"]).split())  # undo header folding


def text_of(message):
    return message.get_body(("plain",)).get_content()


def html_of(message):
    return message.get_body(("html",)).get_content()


def person(django_user_model, name, mode, language):
    user = django_user_model.objects.create_user(username=f"{name}@example.org", password="x",
                                                 email=f"{name}@example.org", first_name=name)
    NotificationPreference.objects.create(user=user, email_mode=mode, language=language)
    return user


def test_the_worker_sends_each_digest_once_in_the_readers_language(
        worker_queue, mail_dir, django_user_model):
    _queue, log = worker_queue
    ana = person(django_user_model, "Ana", "daily", "fr")
    bea = person(django_user_model, "Bea", "daily", "es")
    cyd = person(django_user_model, "Cyd", "never", "en")
    services.notify([ana, bea, cyd], WELCOME, params={"name": "Lu"}, url="/en/notifications/")
    services.notify([ana], WELCOME, params={"name": "Max"}, actor=bea)

    assert send_daily_digests.delay().get(timeout=60) == 2
    assert wait_for(lambda: len(sent_emails(mail_dir)) >= 2), log.read_text()
    by_recipient = {m["To"]: m for m in sent_emails(mail_dir)}
    assert set(by_recipient) == {"Ana@example.org", "Bea@example.org"}

    french = by_recipient["Ana@example.org"]
    assert subject(french) == "Académie ESS : Votre récapitulatif du jour : 2 nouvelles notifications"
    assert "Bonjour Ana," in text_of(french)
    assert "Bienvenue, Lu ! Votre compte est prêt." in text_of(french)
    assert "Bienvenue, Max ! Votre compte est prêt." in html_of(french)
    assert "http://127.0.0.1:8000/fr/notifications/unsubscribe/" in text_of(french)
    assert french["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    spanish = by_recipient["Bea@example.org"]
    assert subject(spanish) == "Academia ESS: Tu resumen del día: 1 notificación nueva"
    assert "Hola, Bea:" in text_of(spanish)
    assert "¡Te damos la bienvenida, Lu! Tu cuenta está lista." in text_of(spanish)
    assert "Max" not in text_of(spanish)  # Bea was the actor of that one

    # The beat firing again, and a duplicated or retried per-user task, send nothing new.
    assert send_daily_digests.delay().get(timeout=60) == 0
    assert send_digest.delay(ana.pk).get(timeout=60) == 0
    assert len(sent_emails(mail_dir)) == 2
    assert not Notification.objects.filter(recipient__in=[ana, bea], emailed_at__isnull=True).exists()
    assert Notification.objects.get(recipient=cyd).emailed_at is None


def test_the_worker_sends_immediate_emails_after_commit(worker_queue, mail_dir, django_user_model):
    _queue, log = worker_queue
    dan = person(django_user_model, "Dan", "immediately", "en")
    with transaction.atomic():
        services.notify([dan], WELCOME, params={"name": "Lu"}, url="/en/notifications/")
    assert wait_for(lambda: len(sent_emails(mail_dir)) == 1), log.read_text()
    message = sent_emails(mail_dir)[0]
    assert subject(message) == "SSE Academy: Welcome, Lu! Your account is ready."
    assert "http://127.0.0.1:8000/en/notifications/" in text_of(message)
    assert wait_for(lambda: Notification.objects.get(recipient=dan).emailed_at is not None)
