"""A certificate of completion: one per learner and course, whatever the language.

The holder's name and the course title are copied when the certificate is issued,
so the public verification page shows what was certified even if the account or
the course changes later. The signed badge is kept in the database, the PDF in the
academy's private storage (courses.storage): never on a public path.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.storage import delete_files_with_rows, private_storage


class Certificate(models.Model):
    # The numeric id doubles as the certificate's bit in the badge revocation list.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="certificates", verbose_name=_("learner"))
    course_key = models.UUIDField(_("course"), db_index=True)
    code = models.CharField(_("verification code"), max_length=32, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    holder_name = models.CharField(_("holder"), max_length=300)
    course_title = models.CharField(_("course title"), max_length=300)
    issued_at = models.DateTimeField(_("issued"))
    pdf = models.FileField(upload_to="certificates/", storage=private_storage, blank=True,
                           editable=False)
    badge = models.TextField(blank=True, editable=False)  # compact JWT-VC (OB 3.0)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        permissions = [("revoke_certificate", _("Can revoke and reinstate certificates"))]
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"],
                                    name="one_certificate_per_course"),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revocation_reason=""),
                name="revocations_have_a_reason"),
        ]

    def __str__(self):
        return f"{self.code} · {self.holder_name} · {self.course_title}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_ready(self):
        """Both documents are stored: what a finished issuing task leaves."""
        return bool(self.pdf) and bool(self.badge)


delete_files_with_rows(Certificate, "pdf")
