"""Facilitation's Celery tasks: dashboard exports and the emails facilitators send.

Each task is keyed by a record id, idempotent and safe to retry (an email
records when it was sent; an export that is ready is not rebuilt).
"""

import logging

from celery import shared_task
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.outbox import enqueue_after_commit
from courses.storage import store

logger = logging.getLogger(__name__)
MAIL_RETRY = {"acks_late": True, "autoretry_for": (OSError,), "max_retries": 5,
              "retry_backoff": True}


@shared_task(acks_late=True)
def build_dashboard_export(export_id):
    """Build the file completely, then mark the export ready in one update. Any error
    leaves the export failed, with its message, and no file."""
    from .models import DashboardExport
    from .services.export_files import build_file

    export = DashboardExport.objects.select_related("cohort__course").filter(pk=export_id).first()
    if export is None or export.state == DashboardExport.READY:
        return
    exports = DashboardExport.objects.filter(pk=export.pk)
    exports.update(state=DashboardExport.RUNNING, error="")
    try:
        with translation.override(export.language):
            content, rows = build_file(export.cohort, export.file_format)
    except Exception as error:  # noqa: BLE001 — any failure must end in a visible state
        logger.exception("dashboard export %s failed", export.pk)
        with translation.override(export.language):
            message = _("The export could not be built (%(error)s). Please try again.") % {
                "error": f"{type(error).__name__}: {error}"[:300]}
        exports.update(state=DashboardExport.FAILED, error=message, file="",
                       finished_at=timezone.now())
        return
    name = store(export.file, f"{export.filename}", content)
    if not exports.update(state=DashboardExport.READY, file=name, rows=rows, error="",
                          finished_at=timezone.now()):
        export.file.storage.delete(name)  # the export was deleted meanwhile


def send_plain(subject, template, context, to, reply_to=None):
    body = render_to_string(template, context)
    EmailMessage(" ".join(subject.split()), body, None, to,
                 reply_to=[reply_to] if reply_to else None).send()


@shared_task(**MAIL_RETRY)
def email_learner_message(message_id):
    from .models import LearnerMessage

    message = (LearnerMessage.objects.select_related("cohort", "sender", "recipient")
               .filter(pk=message_id, sent_at__isnull=True).first())
    if message is None or not message.recipient.email:
        return
    with translation.override(message.cohort.language):
        send_plain(message.subject, "sse_facilitation/email/message.txt", {"message": message},
                   [message.recipient.email],
                   reply_to=message.sender.email if message.sender else None)
    LearnerMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now())


@shared_task(acks_late=True)
def email_announcement(announcement_id, site_url):
    """One email per member (members do not see each other's addresses), each its own
    task: a member whose mail server refuses for a while is retried alone, and the
    others never get the announcement twice. `emailed_at` marks it handed out, once."""
    from .models import Announcement

    with transaction.atomic():  # the mark and the members' tasks (the outbox), together
        if not Announcement.objects.filter(pk=announcement_id, emailed_at__isnull=True).update(
                emailed_at=timezone.now()):
            return
        cohort = Announcement.objects.select_related("cohort").get(pk=announcement_id).cohort
        for user_id in cohort.members.exclude(email="").values_list("pk", flat=True):
            enqueue_after_commit(email_announcement_to, announcement_id, user_id, site_url)


@shared_task(**MAIL_RETRY)
def email_announcement_to(announcement_id, user_id, site_url):
    from .models import Announcement

    announcement = (Announcement.objects.select_related("cohort", "author")
                    .filter(pk=announcement_id).first())
    if announcement is None:
        return
    cohort = announcement.cohort
    email = cohort.members.filter(pk=user_id).exclude(email="").values_list("email", flat=True).first()
    if email is None:  # left the cohort meanwhile
        return
    with translation.override(cohort.language):
        send_plain(f"[{cohort.name}] {announcement.title}", "sse_facilitation/email/announcement.txt",
                   {"announcement": announcement, "site_url": site_url}, [email])


@shared_task(**MAIL_RETRY)
def email_invitations(invitation_ids, site_url):
    from django.urls import reverse

    from .models import Invitation

    for invitation in (Invitation.objects.select_related("cohort__course", "invited_by")
                       .filter(pk__in=invitation_ids, accepted_at__isnull=True,
                               sent_at__isnull=True)):  # a retry skips those already sent
        with translation.override(invitation.cohort.language):
            link = site_url.rstrip("/") + reverse("sse_facilitation:invitation",
                                                  args=[invitation.token])
            send_plain(_("You are invited to join “%(cohort)s”") % {"cohort": invitation.cohort},
                       "sse_facilitation/email/invitation.txt",
                       {"invitation": invitation, "link": link}, [invitation.email])
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
