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


def forward_pending():
    if not lrs_configured():
        return 0
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(XAPIStatement.objects.select_for_update(skip_locked=True)
                         .filter(forwarded_at__isnull=True).order_by("stored")[:BATCH])
            if not batch:
                return sent
            try:
                response = requests.post(
                    settings.ACADEMY_LRS_ENDPOINT, json=[s.statement for s in batch], timeout=30,
                    auth=(settings.ACADEMY_LRS_USERNAME, settings.ACADEMY_LRS_PASSWORD),
                    headers={"X-Experience-API-Version": "1.0.3"})
            except requests.RequestException as error:
                raise OSError(f"LRS unreachable: {error}") from error
            if response.status_code >= 500 or response.status_code == 429:
                raise OSError(f"LRS answered {response.status_code}")  # retried later
            if response.status_code >= 400:
                raise OSError(f"LRS refused the statements: {response.status_code}")
            XAPIStatement.objects.filter(pk__in=[s.pk for s in batch]).update(
                forwarded_at=timezone.now())
            sent += len(batch)
