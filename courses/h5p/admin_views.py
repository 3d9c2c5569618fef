"""Trainer pages: upload .h5p packages (big ones imported by a Celery task), preview a
package in the player, and export a course's xAPI statements as JSON."""

from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import CoursePage, H5PPackage, H5PUpload, XAPIStatement
from ..outbox import enqueue_after_commit
from ..tasks import import_h5p_upload
from . import conf
from .content_types import with_content_type
from .player import preview_settings


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("H5P package (.h5p)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".h5p"):
            raise forms.ValidationError(_("Choose a .h5p file."))
        if upload.size > conf.MAX_TOTAL_BYTES():
            raise forms.ValidationError(_("The file is larger than the limit for packages."))
        return upload


def store_upload(file, user):
    """The upload's row and file, waiting for import_h5p_upload."""
    return H5PUpload.objects.create(file=file, original_name=Path(file.name).name[:255],
                                    uploaded_by=user)


def preview(request, package_id):
    """The package played for a trainer (from the chooser): nothing is recorded, since
    the player gets no statement or state URL and no learner."""
    if not request.user.has_perm("sse_courses.view_h5ppackage"):
        raise PermissionDenied
    package = get_object_or_404(with_content_type(H5PPackage.objects.all()), pk=package_id)
    return render(request, "sse_courses/admin/h5p_preview.html", {
        "package": package, "player": preview_settings(request, package)})


def upload(request):
    if not request.user.has_perm("sse_courses.add_h5pupload"):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        if file.size > conf.ASYNC_IMPORT_BYTES():
            with transaction.atomic():  # the upload's row and its import task (the outbox)
                record = store_upload(file, request.user)
                enqueue_after_commit(import_h5p_upload, record.pk)
        else:
            record = store_upload(file, request.user)
            import_h5p_upload.apply(args=[record.pk])
        return redirect("sse_h5p_upload")
    uploads = list(H5PUpload.objects.select_related("package")[:20])
    any_pending = any(item.state == H5PUpload.PENDING for item in uploads)
    return render(request, "sse_courses/admin/h5p_upload.html",
                  {"form": form, "uploads": uploads, "any_pending": any_pending})


def export_statements(request, page_id):
    course = get_object_or_404(CoursePage, id=page_id)
    if not course.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    statements = XAPIStatement.objects.filter(course_key=course.translation_key).values_list(
        "statement", flat=True)
    response = JsonResponse(list(statements), safe=False, json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'attachment; filename="xapi-{course.slug}.json"'
    return response
