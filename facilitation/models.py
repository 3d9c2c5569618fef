"""What facilitation records: dashboard exports, invitations, announcements and
messages to learners. Cohorts and memberships themselves belong to `courses`."""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.storage import delete_files_with_rows, private_storage

from . import conf


class DashboardExport(models.Model):
    """A cohort dashboard as a CSV or XLSX file, built by a Celery task.

    The file is kept in the academy's private storage (courses.storage: never on a
    public path) and named in the same update that marks the export ready.
    """

    PENDING, RUNNING, READY, FAILED = "pending", "running", "ready", "failed"
    STATES = [(PENDING, _("waiting")), (RUNNING, _("being built")), (READY, _("ready")),
              (FAILED, _("failed"))]
    CSV, XLSX = "csv", "xlsx"
    FORMATS = [(CSV, "CSV"), (XLSX, "XLSX")]
    CONTENT_TYPES = {
        CSV: "text/csv; charset=utf-8",
        XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cohort = models.ForeignKey("sse_courses.Cohort", on_delete=models.CASCADE,
                               related_name="dashboard_exports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                     related_name="dashboard_exports")
    file_format = models.CharField(_("format"), max_length=4, choices=FORMATS, default=CSV)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="en")
    state = models.CharField(max_length=10, choices=STATES, default=PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to="exports/", storage=private_storage, blank=True,
                            editable=False)
    rows = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("dashboard export")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="ready") | ~models.Q(file=""),
                name="ready_dashboard_exports_have_a_file"),
            models.CheckConstraint(
                condition=models.Q(state="ready") | models.Q(file=""),
                name="only_ready_dashboard_exports_have_a_file"),
        ]

    def __str__(self):
        return f"{self.cohort} · {self.file_format} · {self.state}"

    @property
    def filename(self):
        return f"cohort-{self.cohort_id}-{self.created_at:%Y-%m-%d-%H%M}.{self.file_format}"

    @property
    def is_finished(self):
        return self.state in (self.READY, self.FAILED)


delete_files_with_rows(DashboardExport, "file")


def new_token():
    return secrets.token_urlsafe(32)


def default_expiry():
    return timezone.now() + timedelta(days=conf.invitation_days())


class Invitation(models.Model):
    """An invitation to join a cohort, sent to an address (with an account or not):
    the invitee joins only by accepting it, logged in with that address."""

    cohort = models.ForeignKey("sse_courses.Cohort", on_delete=models.CASCADE,
                               related_name="invitations")
    email = models.EmailField(_("email"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_expiry)
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("cohort invitation")
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address and cohort: inviting twice resends it.
            models.UniqueConstraint(fields=["cohort", "email"],
                                    condition=models.Q(accepted_at__isnull=True),
                                    name="one_open_invitation_per_email"),
        ]

    def __str__(self):
        return f"{self.email} → {self.cohort}"

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at


class Announcement(models.Model):
    """A message from the facilitators to the whole cohort: on the learners'
    dashboard and emailed. Plain text, shown escaped."""

    cohort = models.ForeignKey("sse_courses.Cohort", on_delete=models.CASCADE,
                               related_name="announcements")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("announcement")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["cohort", "-created_at"], name="announcement_cohort_date")]

    def __str__(self):
        return self.title


class LearnerMessage(models.Model):
    """A facilitator's message to one learner of their cohort, sent by email."""

    cohort = models.ForeignKey("sse_courses.Cohort", on_delete=models.CASCADE,
                               related_name="learner_messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="facilitator_messages")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message to a learner")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"
