"""The outbox (courses.outbox): a task recorded with a write is sent after the commit;
when the broker refuses it the request still succeeds, the row waits, and the sweeper
sends it once — also when several sweepers run."""

import pytest
from celery import current_app
from django.core.management import call_command
from django.db import transaction
from kombu.exceptions import OperationalError

from courses import outbox
from courses.models import OutboxTask

pytestmark = pytest.mark.django_db(transaction=True)
TASK = "courses.tasks.recompute_course_progress"


@pytest.fixture
def broker(monkeypatch, settings):
    """A broker that is down until `up` is set; what it took, in order."""
    settings.ACADEMY_OUTBOX_GRACE_SECONDS = 0
    state = {"up": False, "taken": []}

    def publish(name, args, kwargs):
        if not state["up"]:
            raise OperationalError("Error 111 connecting to the broker. Connection refused.")
        state["taken"].append((name, args))

    monkeypatch.setattr(outbox, "publish", publish)
    monkeypatch.setitem(current_app.conf, "task_always_eager", False)
    OutboxTask.objects.all().delete()  # what loading the catalog queued (recounts)
    yield state
    outbox._broker_refused(pause=0)


def test_a_task_the_broker_refuses_waits_and_the_sweeper_sends_it_once(broker):
    with transaction.atomic():
        outbox.enqueue_after_commit(TASK, "course-key")
    row = OutboxTask.objects.get()  # committed, not sent, the error noted
    assert row.sent_at is None and row.attempts == 1 and "Connection refused" in row.last_error
    with transaction.atomic():  # the next ones wait without trying (no delay per request)
        outbox.enqueue_after_commit(TASK, "other-key")
    assert OutboxTask.objects.get(args=["other-key"]).attempts == 0

    call_command("sweep_outbox", verbosity=0)  # still down: nothing lost
    assert OutboxTask.objects.filter(sent_at__isnull=True).count() == 2 and broker["taken"] == []

    broker["up"] = True
    assert outbox.sweep() == 2
    assert outbox.sweep() == 0
    assert broker["taken"] == [(TASK, ["course-key"]), (TASK, ["other-key"])]
    assert not OutboxTask.objects.filter(sent_at__isnull=True).exists()
    assert OutboxTask.objects.get(pk=row.pk).args == []  # the broker holds them now


def test_a_rolled_back_write_queues_nothing(broker):
    broker["up"] = True
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue_after_commit(TASK, "course-key")
        raise RuntimeError("the write failed")
    assert not OutboxTask.objects.exists() and broker["taken"] == []


def test_a_task_sent_at_once_is_marked_sent(broker):
    broker["up"] = True
    with transaction.atomic():
        outbox.enqueue_after_commit(TASK, "course-key")
    assert OutboxTask.objects.get().sent_at is not None
    assert outbox.sweep() == 0 and len(broker["taken"]) == 1
