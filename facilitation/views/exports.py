"""Dashboard exports: asked for by POST, built by a Celery task, downloaded when ready."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.http import refusal
from courses.outbox import enqueue_after_commit
from courses.permissions import Refused
from courses.storage import read_bytes

from ..forms import ExportForm
from ..models import DashboardExport
from ..permissions import check_facilitator, check_may_use_export, cohort_for
from ..tasks import build_dashboard_export
from .common import cleaned_data, facilitator_page, post_only


def export_for(request, export_id):
    check_facilitator(request.user)
    export = DashboardExport.objects.filter(pk=export_id).first()
    if export is None:
        raise Refused(404, _("This export does not exist."))
    check_may_use_export(request.user, export)
    return export


@post_only
def request_export(request, cohort_id):
    cohort = cohort_for(request.user, cohort_id)
    data = cleaned_data(ExportForm(request.POST))
    with transaction.atomic():  # the export and its task (the outbox), together
        export = DashboardExport.objects.create(cohort=cohort, requested_by=request.user,
                                                file_format=data["file_format"],
                                                language=get_language())
        enqueue_after_commit(build_dashboard_export, str(export.pk))
    return redirect("sse_facilitation:export", export_id=export.pk)


@facilitator_page
def export_status(request, export_id):
    export = export_for(request, export_id)
    return render(request, "sse_facilitation/export.html", {"export": export, "cohort": export.cohort})


@facilitator_page
def download_export(request, export_id):
    export = export_for(request, export_id)
    if export.state != DashboardExport.READY:
        return refusal(request, 409, _("This export is not ready."))
    response = HttpResponse(read_bytes(export.file), content_type=DashboardExport.CONTENT_TYPES[
        export.file_format])
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
