"""Revoking and reinstating certificates in the Wagtail admin (POST + CSRF)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.generic import InspectView

from courses.permissions import Refused

from . import revocation
from .permissions import can_revoke


def inspect_url(certificate_id):
    return reverse("sse_credentials_certificate:inspect", args=[certificate_id])


class CertificateInspectView(InspectView):
    """The certificate's details, with the revoke / reinstate form for trainers."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_revoke": can_revoke(self.request.user),
                "certificate": self.object}


def refused(request, refusal, certificate_id=None):
    return render(request, "sse_credentials/admin/refused.html", {
        "message": refusal.message, "certificate_id": certificate_id,
    }, status=refusal.status)


def revoke(request, pk):
    if request.method != "POST":
        return refused(request, Refused(405, _("Revoke a certificate from its page, with a reason.")))
    reason = request.POST.get("reason", "")
    try:
        certificate = revocation.revoke(pk, request.user, reason)
    except Refused as refusal:
        return refused(request, refusal, pk)
    messages.success(request, _("Certificate %(code)s revoked.") % {"code": certificate.code})
    return redirect(inspect_url(pk))


def reinstate(request, pk):
    if request.method != "POST":
        return refused(request, Refused(405, _("Reinstate a certificate from its page.")))
    try:
        certificate = revocation.reinstate(pk, request.user)
    except Refused as refusal:
        return refused(request, refusal, pk)
    messages.success(request, _("Certificate %(code)s reinstated.") % {"code": certificate.code})
    return redirect(inspect_url(pk))
