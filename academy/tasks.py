from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.utils import translation


@shared_task(acks_late=True, autoretry_for=(OSError,), max_retries=5, retry_backoff=True)
def send_email(subject, body, to, html_body=None, from_email=None):
    """Send one email outside the request. Retried when the mail server is unreachable."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


@shared_task(acks_late=True)
def export_plan(export_id):
    """Build a learner's "My plan" PDF. Idempotent: a retry rebuilds the same document;
    a failure leaves a clear error state and never a half-made file marked ready."""
    from courses.storage import store

    from .models import PlanExport
    from .pdf import render_plan
    from .plans import build_plan

    export = PlanExport.objects.select_related("user").get(pk=export_id)
    if export.state == PlanExport.READY:
        return str(export.pk)
    try:
        with translation.override(export.language):
            from courses.models import CoursePage

            series = CoursePage.objects.filter(translation_key=export.course_key).values_list(
                "series", flat=True).first()
            title = (translation.gettext("My social business plan") if series == "gysbp"
                     else translation.gettext("My worksheets"))
            document = render_plan(build_plan(export.user, export.course_key, export.language,
                                              title))
    except Exception as error:
        PlanExport.objects.filter(pk=export.pk).update(state=PlanExport.FAILED,
                                                       error=str(error)[:500])
        raise
    name = store(export.pdf, f"my-plan-{export.pk}.pdf", document)
    if not PlanExport.objects.filter(pk=export.pk).update(state=PlanExport.READY, pdf=name,
                                                          error=""):
        export.pdf.storage.delete(name)  # the export was deleted meanwhile
    return str(export.pk)
