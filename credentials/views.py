"""Certificate pages: the public verification page and the holder's downloads."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses import ratelimit
from courses.http import refusal, refused_response, refusing
from courses.storage import read_bytes

from . import badges, keys
from .codes import normalise
from .models import Certificate
from .permissions import downloadable_certificate
from .services import course_in_language


def verify(request, code):
    """Public: anyone holding a code may check it. Shows the holder's name, the
    course, the date and whether it is valid — never an email or an account id.
    Unknown codes are counted per client: past the limit every lookup waits."""
    client = ratelimit.client_address(request)
    try:
        ratelimit.check("verify", client)
    except ratelimit.RateLimited as limited:
        return refused_response(request, limited)
    normalised = normalise(code)
    certificate = Certificate.objects.filter(code=normalised).first() if normalised else None
    if certificate is None:
        ratelimit.failed("verify", client)
        return render(request, "sse_credentials/verify_unknown.html", {"code": code[:64]},
                      status=404)
    course = course_in_language(certificate.course_key, get_language())
    response = render(request, "sse_credentials/verify.html", {
        "certificate": certificate,
        "course_title": course.title if course else certificate.course_title,
    })
    response["X-Robots-Tag"] = "noindex"  # holders share the link; search engines need not
    return response


def verify_lookup(request):
    """The form where a code is typed in (GET, no state change)."""
    typed = request.GET.get("code", "")
    if typed:
        normalised = normalise(typed)
        if normalised:
            return redirect("sse_credentials_public:verify", code=normalised)
        return render(request, "sse_credentials/verify_lookup.html", {
            "typed": typed[:64],
            "error": _("A verification code has 16 letters and digits, like 7KQ2-M9XD-4HTB-0RZE."),
        }, status=400)
    return render(request, "sse_credentials/verify_lookup.html", {})


def attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@refusing
def download_pdf(request, certificate_id):
    certificate = downloadable_certificate(request.user, certificate_id)
    if not certificate.pdf:
        return refusal(request, 409, _("This certificate is still being prepared."))
    return attachment(read_bytes(certificate.pdf), "application/pdf",
                      f"certificate-{certificate.code}.pdf")


@refusing
def download_badge(request, certificate_id):
    """The Open Badges 3.0 credential, a compact VC-JWT the learner can put in a
    wallet or backpack."""
    certificate = downloadable_certificate(request.user, certificate_id)
    if not certificate.badge:
        return refusal(request, 409, _("This badge is still being prepared."))
    return attachment(certificate.badge, "application/vc+jwt", f"badge-{certificate.code}.jwt")


def public_json(document, content_type="application/json"):
    response = JsonResponse(document, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"  # verifiers fetch these from anywhere
    response["Cache-Control"] = "public, max-age=300"
    return response


def issuer_profile(request):
    return public_json(badges.issuer_profile(), "application/ld+json")


def issuer_keys(request):
    """The public key that verifies badges and the revocation list (JWKS)."""
    return public_json({"keys": [keys.public_jwk()]}, "application/jwk-set+json")


def revocation_list(request):
    response = HttpResponse(badges.revocation_list(), content_type="application/vc+jwt")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=60"
    return response
