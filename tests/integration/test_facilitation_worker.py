"""A dashboard export travels through Redis to a real Celery worker, which builds the
file in PostgreSQL; the facilitator then downloads it."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from bench.cohorts import build_cohort
from facilitation.models import DashboardExport

from .conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_export_is_built_by_the_worker_and_downloaded(worker_queue):
    _queue, log = worker_queue
    scenario = build_cohort(30, lessons=12)
    client = Client()
    client.force_login(scenario["user"])
    response = client.post(reverse("sse_facilitation:request_export", args=[scenario["cohort"].pk]),
                           {"file_format": "csv"})
    export = DashboardExport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    status_url = reverse("sse_facilitation:export", args=[export.pk])
    # Right after the request the worker may not have started: no download offered yet.
    first = client.get(status_url).content.decode()
    assert "/download/" not in first or "Ready: 30 learners." in first

    def finished():
        return DashboardExport.objects.get(pk=export.pk).is_finished

    assert wait_for(finished), log.read_text()
    export.refresh_from_db()
    assert export.state == DashboardExport.READY, export.error
    assert "build_dashboard_export" in log.read_text()
    assert "Ready: 30 learners." in client.get(status_url).content.decode()
    download = client.get(reverse("sse_facilitation:download_export", args=[export.pk]))
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert len(rows) == 31 and rows[0][0] == "learner"
