import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.storage import delete_files_with_rows, private_storage


class PlanExport(models.Model):
    """A learner's worksheet answers for one course, as a PDF made by a Celery task."""

    PENDING, READY, FAILED = "pending", "ready", "failed"
    STATES = [(PENDING, _("being prepared")), (READY, _("ready")), (FAILED, _("failed"))]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="plan_exports")
    course_key = models.UUIDField()
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    state = models.CharField(max_length=10, choices=STATES, default=PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    # In the academy's private storage (courses.storage): never on a public path.
    pdf = models.FileField(upload_to="plans/", storage=private_storage, blank=True,
                           editable=False)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("plan export")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="ready") | ~models.Q(pdf=""),
                name="ready_exports_have_a_document"),
            # A double click or a reload asks once: the view returns the pending one.
            models.UniqueConstraint(fields=["user", "course_key"],
                                    condition=models.Q(state="pending"),
                                    name="one_pending_plan_export"),
        ]

    def __str__(self):
        return f"{self.user} · {self.course_key} · {self.state}"


delete_files_with_rows(PlanExport, "pdf")


class SignupConfirmation(models.Model):
    """An account made by the sign-up page that waits for its owner to confirm the
    address (the account is inactive until then). Confirming deletes the row."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                primary_key=True, related_name="signup_confirmation")
    requested_at = models.DateTimeField(auto_now=True)
    # Where to go once confirmed (a path on this site, checked again when used).
    next_url = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("sign-up waiting for confirmation")

    def __str__(self):
        return str(self.user)
