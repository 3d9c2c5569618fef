"""Ask for one's "My plan" PDF (POST), see its state, download it (owner only)."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.http import post_only, refusal
from courses.outbox import enqueue_after_commit
from courses.permissions import check_enrolled, check_signed_in
from courses.storage import read_bytes
from courses.views import get_course

from ..models import PlanExport
from ..tasks import export_plan


@post_only
def request_plan(request, page_id):
    check_signed_in(request.user, _("Please log in to export your plan."))
    course = get_course(request, page_id)
    check_enrolled(request.user, course.translation_key)
    pending_export(request.user, course.translation_key, get_language())
    messages.info(request, _("Your document is being prepared. It will appear on this page."))
    return redirect(reverse("sse_academy:dashboard") + f"#plan-{course.translation_key}")


def pending_export(user, course_key, language):
    """The learner's export being prepared for this course, or a new one with its task
    recorded in the same transaction (one at a time: a database constraint)."""
    mine = PlanExport.objects.filter(user=user, course_key=course_key)
    pending = mine.filter(state=PlanExport.PENDING).first()
    if pending is not None:
        return pending
    try:
        with transaction.atomic():
            export = PlanExport.objects.create(user=user, course_key=course_key, language=language)
            enqueue_after_commit(export_plan, str(export.pk))
            return export
    except IntegrityError:  # asked twice at once: the other request's export
        return mine.order_by("-created_at").first()


def download_plan(request, export_id):
    export = PlanExport.objects.filter(pk=export_id, user_id=request.user.id or 0).first()
    if export is None:
        raise Http404(_("This document does not exist."))
    if export.state != PlanExport.READY:
        return refusal(request, 409, _("This document is not ready."))
    response = HttpResponse(read_bytes(export.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="my-plan-{export.created_at:%Y-%m-%d}.pdf"'
    return response
