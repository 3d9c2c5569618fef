"""The broker goes down (a Redis of the test's own, stopped): finishing a course, asking
for "My plan" and posting in the community still answer normally, and once the broker
is back the outbox sweeper sends what waited — one certificate, one plan PDF, one
notification and one email, even when every task is delivered a second time."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from academy.models import PlanExport
from community import spaces
from community.models import Post, Space
from courses import outbox, progress
from courses.models import OutboxTask
from credentials.models import Certificate
from sse_notifications.models import Notification, NotificationPreference
from sse_notifications.services import subscribe

from ..conftest import course_in, lessons_of, on_postgres, require
from .conftest import celery_publishing_to, start_worker, wait_for
from .test_notifications_digest import sent_emails

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mail_dir(tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


@pytest.fixture
def worker_on_own_broker(catalog, own_redis, mail_dir, tmp_path, settings):
    """A real worker on both queues of the test's own Redis; this process sends there."""
    require(on_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    settings.ACADEMY_OUTBOX_GRACE_SECONDS = 0
    log = tmp_path / "worker.log"
    worker = start_worker("celery,academy-long", log, {
        "CELERY_BROKER_URL": own_redis.url(), "CELERY_QUEUE": "celery",
        "CELERY_LONG_QUEUE": "academy-long",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "ACADEMY_BADGE_KEY_PATH": str(tmp_path / "keys" / "badge.pem")})
    try:
        with celery_publishing_to(own_redis.url(), "celery", routes=settings.CELERY_TASK_ROUTES):
            yield log
    finally:
        outbox._broker_refused(pause=0)  # no pause left for the next tests
        worker.terminate()
        worker.wait(timeout=30)


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def emails_to(mail_dir, address):
    return [message for message in sent_emails(mail_dir) if address in str(message["To"])]


def test_work_saved_while_the_broker_is_down_is_done_once_when_it_is_back(
        worker_on_own_broker, own_redis, mail_dir, django_user_model):
    log = worker_on_own_broker
    course = course_in("en")
    ana = django_user_model.objects.create_user(username="ana@example.org", email="ana@example.org",
                                                password="x", first_name="Ana")
    ben = django_user_model.objects.create_user(username="ben@example.org", email="ben@example.org",
                                                password="x", first_name="Ben")
    for user in (ana, ben):
        progress.enrol(user, course)
    spaces.sync_course(course)
    space = Space.objects.get(kind=Space.COURSE, course_key=course.translation_key)
    subscribe(ben, f"community.space:{space.pk}")
    NotificationPreference.objects.create(user=ben, email_mode=NotificationPreference.IMMEDIATELY,
                                          language="en")
    lessons = lessons_of(course)
    for lesson in lessons[:-1]:
        progress.complete_step(ana, lesson, course.translation_key)
    client = Client()
    client.force_login(ana)

    own_redis.stop()  # the broker is down
    answers = [
        client.post(url("sse_courses:complete", lessons[-1].id)),  # the course is finished
        client.post(f"/en/learn/courses/{course.id}/my-plan/"),
        client.post(url("sse_community:new_thread", space.pk, space.topics.get(module_key=None).pk),
                    {"kind": "discussion", "title": "Outage", "body": "Still here", "language": "en"}),
    ]
    assert [answer.status_code for answer in answers] == [302, 302, 302]
    waiting = set(OutboxTask.objects.filter(sent_at__isnull=True).values_list("task", flat=True))
    assert {"credentials.tasks.issue_certificate", "academy.tasks.export_plan",
            "community.tasks.notify_post"} <= waiting
    assert not Certificate.objects.exists()
    assert PlanExport.objects.get().state == PlanExport.PENDING

    own_redis.start()  # back (empty: what was queued before is gone, as after a restart)
    call_command("sweep_outbox", verbosity=0)
    export, post = PlanExport.objects.get(), Post.objects.get(body_markdown="Still here")

    def all_done():
        certificate = Certificate.objects.filter(user=ana).first()
        export.refresh_from_db()
        return (certificate is not None and certificate.is_ready
                and export.state == PlanExport.READY and emails_to(mail_dir, "ben@example.org"))

    assert wait_for(all_done, 90), log.read_text()
    assert not OutboxTask.objects.filter(sent_at__isnull=True).exists()

    # Delivered again (a sweeper and a commit hook racing, a redelivery): no second effect.
    from academy.tasks import export_plan
    from community.tasks import notify_post
    from credentials.tasks import issue_certificate

    code = Certificate.objects.get(user=ana).code
    again = [issue_certificate.apply_async((ana.pk, str(course.translation_key), "en")),
             export_plan.apply_async((str(export.pk),)), notify_post.apply_async((post.pk,))]

    def outcome(result):  # what the worker logged that the task returned
        mark = f"[{result.id}] succeeded in "
        line = next((line for line in log.read_text().splitlines() if mark in line), None)
        return line and line.rsplit("s: ", 1)[1]

    assert wait_for(lambda: all(outcome(result) for result in again), 60), log.read_text()
    assert [outcome(result) for result in again] == [repr(code), repr(str(export.pk)), "False"]
    assert Certificate.objects.filter(user=ana).count() == 1
    assert PlanExport.objects.filter(user=ana).count() == 1
    assert Notification.objects.filter(recipient=ben).count() == 1
    assert len(emails_to(mail_dir, "ben@example.org")) == 1
