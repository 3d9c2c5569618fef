import shutil
import tempfile
import uuid

from celery import shared_task

from . import progress


@shared_task(acks_late=True, autoretry_for=(Exception,), max_retries=3, retry_backoff=True)
def recompute_course_progress(course_key):
    """Recount every enrolment of a course. Idempotent: the result depends only on
    the current tree and progress rows, so a retry or duplicate does no harm."""
    return progress.recompute_course(uuid.UUID(str(course_key)))


@shared_task(acks_late=True)
def import_h5p_upload(upload_id):
    """Import an uploaded package; its upload row tells the admin how it went. The
    uploaded file is removed afterwards either way."""
    from .h5p.importer import import_package
    from .h5p.validation import PackageRejected
    from .models import H5PUpload

    upload = H5PUpload.objects.get(pk=upload_id)
    if upload.state != H5PUpload.PENDING:
        return upload.state
    try:
        # The upload is in the private storage (maybe a bucket, written by another node):
        # a local copy gives the zip reader the seekable file it needs.
        with upload.file.open("rb") as source, tempfile.NamedTemporaryFile(suffix=".h5p") as local:
            shutil.copyfileobj(source, local, 1024 * 1024)
            local.flush()
            package = import_package(local.name, upload.uploaded_by)
    except PackageRejected as rejection:
        upload.state, upload.message = H5PUpload.REJECTED, "\n".join(rejection.problems)[:5000]
    else:
        upload.state, upload.package, upload.message = H5PUpload.IMPORTED, package, ""
    upload.file.delete(save=False)
    upload.save()
    return upload.state


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8,
             retry_backoff_max=3600)
def forward_xapi_statements():
    """Send statements not yet forwarded to the external LRS, oldest first. While the
    LRS is down the task retries; statements stay queued in the database, and the next
    statement (or `manage.py forward_xapi`) sends them all once it is back."""
    from .h5p.lrs import forward_pending

    return forward_pending()


@shared_task(acks_late=True)
def sweep_outbox():
    """Run by Celery beat every minute: send the tasks the broker could not take
    when their write committed (see courses/outbox.py). Returns how many were sent."""
    from .outbox import sweep

    return sweep()
