"""Course reports for trainers, across cohorts, with a CSV export."""

import csv
import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from courses.permissions import Refused

from ..permissions import check_trainer
from ..services import reports
from ..services.export_files import guarded
from .common import facilitator_page


def report_or_404(course_key):
    course = reports.course_for_report(course_key)
    if course is None:
        raise Refused(404, _("This course does not exist."))
    return reports.course_report(course)


@facilitator_page
def course_list(request):
    check_trainer(request.user)
    return render(request, "sse_facilitation/report_list.html",
                  {"courses": reports.courses_for_reports()})


@facilitator_page
def course_report(request, course_key):
    check_trainer(request.user)
    report = report_or_404(course_key)
    for item in report["modules"]:
        item.median_text = reports.duration_text(item.median_seconds)
    return render(request, "sse_facilitation/report.html", {"report": report})


@facilitator_page
def course_report_csv(request, course_key):
    check_trainer(request.user)
    report = report_or_404(course_key)
    out = io.StringIO()
    writer = csv.writer(out)
    for row in reports.report_table(report):
        writer.writerow(["" if value is None else guarded(value) for value in row])
    response = HttpResponse(out.getvalue().encode("utf-8-sig"),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="course-report-{course_key}.csv"'
    return response
