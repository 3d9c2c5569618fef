"""Who may do what with certificates: every view asks here, nowhere else.

- anyone, signed in or not: the public verification page, the issuer profile, its
  public key and the revocation list (they carry no personal data beyond the
  holder's name and what was certified);
- the holder: their own PDF and badge;
- trainers: any certificate's documents, and revoking / reinstating (in the admin).
"""

from django.utils.translation import gettext as _

from courses.permissions import Refused, check_signed_in
from courses.roles import TRAINERS, has_role

from .models import Certificate

REVOKE_PERMISSION = "sse_credentials.revoke_certificate"


def can_revoke(user):
    return user.is_authenticated and user.has_perm(REVOKE_PERMISSION)


def check_can_revoke(user):
    if not can_revoke(user):
        raise Refused(403, _("Only trainers may revoke or reinstate certificates."))


def downloadable_certificate(user, certificate_id):
    """The certificate, if this user may download its documents. Someone else's
    certificate is indistinguishable from a missing one (404)."""
    check_signed_in(user, _("Please log in to download your certificate."))
    certificates = Certificate.objects.all()
    if not has_role(user, TRAINERS):
        certificates = certificates.filter(user=user)
    certificate = certificates.filter(pk=certificate_id).first()
    if certificate is None:
        raise Refused(404, _("This certificate does not exist."))
    return certificate
