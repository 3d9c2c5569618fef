"""Queue Celery tasks through the outbox, so that committed work is never lost.

`enqueue_after_commit(task, *args)` records the task in the current transaction
(one INSERT) and hands it to the broker once the transaction commits. If the
broker cannot take it, the request still answers normally: the row waits, and
`sweep()` (Celery beat every minute, or `manage.py sweep_outbox`) sends it when the
broker is back. A row may be sent twice (the sweeper and a slow commit hook racing),
so every task queued this way must be idempotent — they all are keyed by a record
that says whether the work is done.

A lower app never imports a higher app's task: it passes the task's name, or the
higher app passes its own task object.
"""

import logging
import time
from datetime import timedelta

from celery import current_app
from celery.exceptions import Retry
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import OutboxTask

logger = logging.getLogger(__name__)
BATCH = 200


def grace_seconds():
    """How old an unsent row must be before the sweeper sends it (the commit hook
    of its own request may still be trying)."""
    return int(getattr(settings, "ACADEMY_OUTBOX_GRACE_SECONDS", 10))


def keep_days():
    """How long sent rows are kept (for an operator looking into a problem)."""
    return int(getattr(settings, "ACADEMY_OUTBOX_KEEP_DAYS", 7))


def _eager():
    return bool(current_app.conf.task_always_eager and current_app.conf.task_eager_propagates)


def publish(name, args, kwargs):
    """Hand one task to the broker (or run it, when tasks are eager). Routes apply.
    Nobody waits for these results: without ignore_result, Celery would also subscribe
    to the result backend, which retries for about 20 s when Redis is down."""
    task = current_app.tasks.get(name)
    if task is None:  # registered only in the worker's process
        current_app.send_task(name, args=args, kwargs=kwargs, ignore_result=True)
    else:
        task.apply_async(args=args, kwargs=kwargs, ignore_result=True)


def _note_failure(row_id, error):
    OutboxTask.objects.filter(pk=row_id).update(
        attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:2000])


# After the broker refused a task, this process leaves the next ones to the sweeper for
# a few seconds instead of making every request wait for the connection attempts.
BROKER_PAUSE_SECONDS = 15
_broker_down_until = 0.0


def _broker_refused(pause=BROKER_PAUSE_SECONDS):
    global _broker_down_until
    _broker_down_until = time.monotonic() + pause if pause else 0.0


def _send_after_commit(row_id, name, args, kwargs):
    if time.monotonic() < _broker_down_until:
        return  # the row waits for the sweeper
    try:
        publish(name, args, kwargs)
    except Exception as error:
        if _eager() and not isinstance(error, Retry):
            raise  # an eager task that fails shows its error, as it did before the outbox
        # An eager task asking to be retried (its service is down) is left to the sweeper.
        # The write is committed: never fail the request. The sweeper sends it later.
        if not isinstance(error, Retry):
            _broker_refused()
        logger.warning("Task %s (outbox row %s) not queued, kept for later: %s",
                       name, row_id, error)
        try:
            _note_failure(row_id, error)
        except Exception:  # the database went too: the row is unsent, which is enough
            logger.exception("Could not note the failure of outbox row %s", row_id)
        return
    try:
        mark_sent(row_id)
    except Exception:  # sent but not marked: the sweeper sends it again (idempotent)
        logger.exception("Could not mark outbox row %s sent", row_id)


def mark_sent(row_id):
    # The broker holds the arguments now; the row keeps no copy (a password reset
    # email's body, for one).
    OutboxTask.objects.filter(pk=row_id).update(sent_at=timezone.now(), args=[], kwargs={},
                                                attempts=F("attempts") + 1)


def task_name(task):
    return task if isinstance(task, str) else task.name


def enqueue_after_commit(task, *args, **kwargs):
    """Record `task(*args, **kwargs)` with the current transaction's writes; send it
    after the commit. Arguments must be JSON values (ids as strings or numbers)."""
    name = task_name(task)
    row = OutboxTask.objects.create(task=name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: _send_after_commit(row.pk, name, list(args), kwargs))
    return row


def sweep(batch=BATCH):
    """Send the rows nobody could send, oldest first; return how many were sent.
    Several sweepers may run at once: each takes rows the others have not locked.
    Stops at the first error from the broker (it is still down)."""
    cutoff = timezone.now() - timedelta(seconds=grace_seconds())
    sent = 0
    while True:
        with transaction.atomic():
            rows = list(OutboxTask.objects.select_for_update(skip_locked=True)
                        .filter(sent_at__isnull=True, created_at__lte=cutoff)[:batch])
            if not rows:
                break
            for row in rows:
                try:
                    with transaction.atomic():  # an eager task's own writes, undone if it fails
                        publish(row.task, row.args, row.kwargs)
                except Exception as error:
                    logger.warning("Outbox row %s (%s) still not sent: %s", row.pk, row.task, error)
                    _note_failure(row.pk, error)
                    if current_app.conf.task_always_eager:
                        continue  # that task failed; the others may not
                    return sent  # the broker is still unreachable
                mark_sent(row.pk)
                _broker_refused(pause=0)  # it is back: requests send their own again
                sent += 1
        if len(rows) < batch:
            break
    forget_sent()
    return sent


def forget_sent():
    OutboxTask.objects.filter(
        sent_at__lt=timezone.now() - timedelta(days=keep_days())).delete()


def waiting():
    """How many tasks wait for the broker (for an operator)."""
    return OutboxTask.objects.filter(sent_at__isnull=True).count()
