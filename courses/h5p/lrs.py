"""Optional forwarding of stored statements to an external LRS (xAPI 1.0.3, basic auth).

Settings: ACADEMY_LRS_ENDPOINT (the statements resource), ACADEMY_LRS_USERNAME,
ACADEMY_LRS_PASSWORD. Nothing is sent when the endpoint is empty."""

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import XAPIStatement

BATCH = 100


def lrs_configured():
    return bool(getattr(settings, "ACADEMY_LRS_ENDPOINT", ""))


# Answers that say "this statement is wrong" (xAPI 1.0.3: 400 bad statement, 409 an id
# the LRS holds with other content, 413 too large, 422): the statement is set aside.
# Any other answer (401/403 credentials, 404 endpoint, 429, 5xx, no answer) is about the
# LRS or its settings: everything waits and is retried.
REFUSALS = {400, 409, 413, 422}


class LRSUnavailable(OSError):
    """Retried later by the task (its autoretry_for includes OSError)."""


def _post(statements):
    try:
        return requests.post(
            settings.ACADEMY_LRS_ENDPOINT, json=[s.statement for s in statements], timeout=30,
            auth=(settings.ACADEMY_LRS_USERNAME, settings.ACADEMY_LRS_PASSWORD),
            headers={"X-Experience-API-Version": "1.0.3"})
    except requests.RequestException as error:
        raise LRSUnavailable(f"LRS unreachable: {error}") from error


def _accepted(response):
    if response.status_code < 300:
        return True
    if response.status_code in REFUSALS:
        return False
    raise LRSUnavailable(f"LRS answered {response.status_code}")


def _set_aside(statement, response):
    reason = f"{response.status_code} {response.reason or ''}: {response.text}".strip()
    XAPIStatement.objects.filter(pk=statement.pk).update(refused_at=timezone.now(),
                                                         refusal=reason[:2000])


def _forwarded(statements):
    XAPIStatement.objects.filter(pk__in=[s.pk for s in statements]).update(
        forwarded_at=timezone.now())


def forward_pending():
    """Send what waits, oldest first, in batches. A batch the LRS refuses is sent again
    one statement at a time, so that only the statements it refuses are set aside (with
    its answer) and the others go through. Returns how many were forwarded."""
    if not lrs_configured():
        return 0
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(XAPIStatement.objects.select_for_update(skip_locked=True)
                         .filter(forwarded_at__isnull=True, refused_at__isnull=True)
                         .order_by("stored")[:BATCH])
            if not batch:
                return sent
            if _accepted(_post(batch)):
                _forwarded(batch)
                sent += len(batch)
                continue
            for statement in batch:
                response = _post([statement])
                if _accepted(response):
                    _forwarded([statement])
                    sent += 1
                else:
                    _set_aside(statement, response)


def send_again(statement_ids):
    """An operator asks to send set-aside statements again (after fixing the LRS or its
    settings). Returns how many are waiting again."""
    return XAPIStatement.objects.filter(pk__in=statement_ids, forwarded_at__isnull=True,
                                        refused_at__isnull=False).update(refused_at=None,
                                                                         refusal="")
