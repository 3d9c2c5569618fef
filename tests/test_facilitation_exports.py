"""Dashboard exports: CSV and XLSX with the dashboard's figures, built by the task,
downloadable only when ready; a failure ends in a clear state with no file."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bench.cohorts import build_cohort
from courses.storage import read_bytes
from facilitation.models import DashboardExport
from facilitation.services import export_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario():
    return build_cohort(4, lessons=12)


@pytest.fixture
def facilitator(scenario):
    client = Client()
    client.force_login(scenario["user"])
    return client


def ask_export(client, cohort, file_format, capture):
    with capture(execute=True):
        response = client.post(reverse("sse_facilitation:request_export", args=[cohort.pk]),
                               {"file_format": file_format})
    assert response.status_code == 302
    return DashboardExport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def test_csv_export_has_a_row_per_learner_with_progress_and_grades(
        scenario, facilitator, django_capture_on_commit_callbacks):
    export = ask_export(facilitator, scenario["cohort"], "csv", django_capture_on_commit_callbacks)
    assert export.state == DashboardExport.READY and export.rows == 4
    status = facilitator.get(reverse("sse_facilitation:export", args=[export.pk])).content.decode()
    assert "Ready: 4 learners." in status and "/download/" in status
    response = facilitator.get(reverse("sse_facilitation:download_export", args=[export.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, learners = rows[0], {row[0]: row for row in rows[1:]}
    assert header[:5] == ["learner", "email", "joined", "last activity", "progress %"]
    assert "Module 1 (% done)" in header and "Module check (grade)" in header
    third = learners["Learner 0003"]
    assert third[header.index("Module 1 (% done)")] == "27"  # 3 of 11 steps
    assert third[header.index("Module check (grade)")] == "40.0"
    assert "failed “Module check” 2 times" in third[-1]


def test_xlsx_export_opens_in_a_spreadsheet(scenario, facilitator,
                                            django_capture_on_commit_callbacks):
    export = ask_export(facilitator, scenario["cohort"], "xlsx", django_capture_on_commit_callbacks)
    response = facilitator.get(reverse("sse_facilitation:download_export", args=[export.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "learner" and len(values) == 5
    assert {row[0] for row in values[1:]} == {f"Learner {n:04d}" for n in range(4)}
    assert sheet.title == "Cohort of 4"


def test_formulas_in_names_are_neutralised(scenario, facilitator,
                                           django_capture_on_commit_callbacks):
    learner = scenario["cohort"].members.order_by("first_name").first()
    learner.first_name = '=HYPERLINK("http://evil.example","x")'
    learner.save()
    for file_format in ("csv", "xlsx"):
        export = ask_export(facilitator, scenario["cohort"], file_format,
                            django_capture_on_commit_callbacks)
        content = read_bytes(DashboardExport.objects.get(pk=export.pk).file)
        if file_format == "csv":
            assert "'=HYPERLINK" in content.decode("utf-8-sig")
        else:
            cells = [c for row in load_workbook(io.BytesIO(content)).active.values for c in row]
            assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells
            assert not any(isinstance(c, str) and c.startswith("=") for c in cells)


def test_a_failure_mid_export_shows_failed_with_its_message_and_no_file(
        scenario, facilitator, django_capture_on_commit_callbacks, monkeypatch):
    written = []

    def breaks_after_the_header(header, rows):
        written.append(header)
        raise OSError("disk full while writing row 2")

    monkeypatch.setattr(export_files, "as_csv", breaks_after_the_header)
    export = ask_export(facilitator, scenario["cohort"], "csv", django_capture_on_commit_callbacks)
    assert written  # the build had started
    export.refresh_from_db()
    assert export.state == DashboardExport.FAILED and not export.file
    assert "disk full while writing row 2" in export.error
    page = facilitator.get(reverse("sse_facilitation:export", args=[export.pk])).content.decode()
    assert "disk full while writing row 2" in page and "/download/" not in page
    download = facilitator.get(reverse("sse_facilitation:download_export", args=[export.pk]))
    assert download.status_code == 409
    dashboard = facilitator.get(reverse("sse_facilitation:dashboard", args=[scenario["cohort"].pk]))
    assert "Failed" in dashboard.content.decode()


def test_pending_exports_are_not_offered(scenario, facilitator):
    export = DashboardExport.objects.create(cohort=scenario["cohort"],
                                            requested_by=scenario["user"])
    page = facilitator.get(reverse("sse_facilitation:export", args=[export.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and "/download/" not in page
    assert facilitator.get(reverse("sse_facilitation:download_export",
                                   args=[export.pk])).status_code == 409


def test_a_ready_export_without_a_file_is_refused_by_the_database(scenario):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        DashboardExport.objects.create(cohort=scenario["cohort"], requested_by=scenario["user"],
                                       state=DashboardExport.READY)


def test_unknown_format_is_refused(scenario, facilitator):
    response = facilitator.post(reverse("sse_facilitation:request_export",
                                        args=[scenario["cohort"].pk]), {"file_format": "pdf"})
    assert response.status_code == 400 and not DashboardExport.objects.exists()
