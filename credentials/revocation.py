"""Trainers revoke a certificate (with a reason) or reinstate it. The public page,
the dashboard and the badge revocation list all read the same row."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.permissions import Refused

from .badges import forget_revocation_list
from .models import Certificate
from .permissions import check_can_revoke

MAX_REASON = 1000


def locked_certificate(certificate_id):
    certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
    if certificate is None:
        raise Refused(404, _("This certificate does not exist."))
    return certificate


def revoke(certificate_id, by, reason):
    check_can_revoke(by)
    reason = (reason or "").strip()
    if not reason:
        raise Refused(400, _("Give the reason for revoking this certificate."))
    if len(reason) > MAX_REASON:
        raise Refused(400, _("The reason is too long (at most %(n)d characters).") % {"n": MAX_REASON})
    with transaction.atomic():
        certificate = locked_certificate(certificate_id)
        if certificate.is_revoked:
            raise Refused(409, _("This certificate is already revoked."))
        certificate.revoked_at, certificate.revoked_by = timezone.now(), by
        certificate.revocation_reason = reason
        certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        transaction.on_commit(forget_revocation_list)
    return certificate


def reinstate(certificate_id, by):
    check_can_revoke(by)
    with transaction.atomic():
        certificate = locked_certificate(certificate_id)
        if not certificate.is_revoked:
            raise Refused(409, _("This certificate is not revoked."))
        certificate.revoked_at, certificate.revoked_by, certificate.revocation_reason = None, None, ""
        certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        transaction.on_commit(forget_revocation_list)
    return certificate
