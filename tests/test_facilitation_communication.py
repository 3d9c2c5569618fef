"""Announcements reach the cohort's dashboards and inboxes; a facilitator's message
reaches one learner. Learners see their cohorts, dates and facilitators."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from bench.cohorts import make_facilitator
from courses.models import Cohort, CohortMembership
from facilitation.models import LearnerMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(course_en, learner, other_learner):
    cohort = Cohort.objects.create(name="Lyon spring", course=course_en, language="fr",
                                   starts_on=datetime.date(2026, 3, 2))
    for user in (learner, other_learner):
        CohortMembership.objects.create(cohort=cohort, user=user)
    return cohort


@pytest.fixture
def facilitator(cohort):
    user = make_facilitator("fatou@example.org")  # first name Fatou
    cohort.facilitators.add(user)
    client = Client()
    client.force_login(user)
    return client


def test_announcement_is_on_the_learners_dashboard_and_emailed(
        facilitator, cohort, learner_client, django_user_model, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator.post(reverse("sse_facilitation:post_announcement", args=[cohort.pk]), {
            "title": "Week 2", "body": "Module 2 opens today.\n<script>alert(1)</script>"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"]
    assert mail.outbox[0].subject == "[Lyon spring] Week 2"
    assert "Module 2 opens today." in mail.outbox[0].body
    page = learner_client.get(reverse("sse_academy:dashboard")).content.decode()
    assert "Week 2" in page and "Module 2 opens today." in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "facilitated by Fatou" in page
    outsider = Client()
    outsider.force_login(django_user_model.objects.create_user(username="zed", password="x"))
    assert "Week 2" not in outsider.get(reverse("sse_academy:dashboard")).content.decode()


def deliver(signature):
    """What a worker does with a task: run it, and run again whatever asks to be retried;
    then run the tasks it queued (through the outbox)."""
    from celery import current_app
    from celery.exceptions import Retry
    from django.utils import timezone

    from courses.models import OutboxTask

    before = OutboxTask.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    try:
        signature.apply()
    except Retry as retry:
        deliver(retry.sig)
    for row in OutboxTask.objects.filter(pk__gt=before, sent_at__isnull=True):
        OutboxTask.objects.filter(pk=row.pk).update(sent_at=timezone.now())
        deliver(current_app.tasks[row.task].s(*row.args, **row.kwargs))


def test_a_mail_server_refusing_one_member_once_sends_nobody_the_announcement_twice(
        cohort, greylisting_mail_server):
    from facilitation.models import Announcement
    from facilitation.tasks import email_announcement

    calls = greylisting_mail_server  # the second email is refused once: that send is retried
    announcement = Announcement.objects.create(cohort=cohort, title="Week 2", body="Hello")
    deliver(email_announcement.s(announcement.pk, "http://testserver/"))
    assert len(calls) == 3  # the refusal happened and was retried
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"]
    deliver(email_announcement.s(announcement.pk, "http://testserver/"))  # a redelivery
    assert len(mail.outbox) == 2


def test_message_to_a_learner_in_need_is_emailed_with_reply_to_the_facilitator(
        facilitator, cohort, learner, django_capture_on_commit_callbacks):
    form = facilitator.get(reverse("sse_facilitation:message", args=[cohort.pk, learner.pk]))
    assert "Write to Ana" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator.post(
            reverse("sse_facilitation:send_message", args=[cohort.pk, learner.pk]),
            {"subject": "How is it going?", "body": "I saw you stopped at module 2."})
    assert response.status_code == 302
    [email] = mail.outbox
    assert email.to == ["ana@example.org"] and email.reply_to == ["fatou@example.org"]
    assert "I saw you stopped at module 2." in email.body
    assert "Fatou, animateur·rice de « Lyon spring »" in email.body  # the cohort speaks French
    assert LearnerMessage.objects.get().sent_at is not None


def test_an_empty_message_is_refused(facilitator, cohort, learner):
    response = facilitator.post(reverse("sse_facilitation:send_message", args=[cohort.pk, learner.pk]),
                                {"subject": "", "body": ""})
    assert response.status_code == 400 and not LearnerMessage.objects.exists()
    assert not mail.outbox


def test_learners_see_their_cohort_dates(cohort, learner_client):
    page = learner_client.get(reverse("sse_academy:dashboard")).content.decode()
    assert "Lyon spring" in page and "03/02/2026" in page
