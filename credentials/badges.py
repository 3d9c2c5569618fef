"""Open Badges 3.0: each certificate is also an OpenBadgeCredential, signed as a
VC-JWT (Ed25519) with openbadgeslib, revocable through a W3C Bitstring Status List.

The credential is built only from the stored certificate (code, dates, names), and
Ed25519 signatures are deterministic, so a rerun signs the very same token.
"""

import hashlib
from datetime import timedelta

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openbadgeslib.ob3 import Achievement, IdentityObject, Issuer, OB3Signer, OpenBadgeCredential
from openbadgeslib.ob3.status_list import (
    DEFAULT_SIZE_BITS,
    build_status_list_credential,
    sign_status_list_credential,
    status_entry,
)

from . import conf, keys
from .models import Certificate

STATUS_LIST_CACHE_KEY = "sse_credentials:revocation-list"
STATUS_LIST_CACHE_SECONDS = 300


def public_url(name):
    return conf.site_url() + reverse(f"sse_credentials_public:{name}")


def issuer():
    return Issuer(id=public_url("issuer"), name=conf.issuer_name(), url=conf.issuer_url())


def issuer_profile():
    """The issuer's public OB 3.0 Profile (what a badge's issuer id resolves to)."""
    return {"@context": ["https://www.w3.org/ns/credentials/v2",
                         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            **issuer().to_dict()}


def recipient_identifiers(certificate):
    """The holder's name in clear (it is on the certificate) and, if they have one,
    their email only as a salted hash: a badge may travel far."""
    identifiers = [IdentityObject(identity_hash=certificate.holder_name, identity_type="name",
                                  hashed=False)]
    email = certificate.user.email
    if email:
        salt = hashlib.sha256(f"{certificate.pk}:{certificate.code}".encode()).hexdigest()[:16]
        identifiers.append(IdentityObject.create(email.lower(), salt=salt))
    return identifiers


def build_credential(certificate, verification_url):
    with translation.override(certificate.language):
        achievement = Achievement(
            id=f"urn:uuid:{certificate.course_key}",
            name=certificate.course_title,
            description=_("Completion of the course “%(course)s”.") % {
                "course": certificate.course_title},
            criteria_narrative=_("Complete every step of the course and pass every quiz."),
            achievement_type="Certificate",
        )
    return OpenBadgeCredential(
        id=verification_url, issuer=issuer(), recipient_id=None, achievement=achievement,
        issuance_date=certificate.issued_at, identifiers=recipient_identifiers(certificate),
        credential_status=[status_entry(public_url("status_list"), "revocation", certificate.pk)],
    )


def sign_badge(certificate, verification_url):
    return OB3Signer(keys.private_pem(), algorithm=keys.ALGORITHM).sign(
        build_credential(certificate, verification_url))


def revocation_list():
    """The signed BitstringStatusListCredential: one bit per certificate (its id),
    set when revoked. Signed afresh at most every few minutes and whenever a
    certificate is revoked or reinstated (see forget_revocation_list)."""
    cache_key = f"{STATUS_LIST_CACHE_KEY}:{keys.public_jwk()['kid']}"  # a new key, a new list
    token = cache.get(cache_key)
    if token is None:
        revoked = list(Certificate.objects.filter(revoked_at__isnull=False)
                       .values_list("pk", flat=True))
        highest = Certificate.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        size = DEFAULT_SIZE_BITS * (highest // DEFAULT_SIZE_BITS + 1)
        now = timezone.now()
        document = build_status_list_credential(
            public_url("issuer"), public_url("status_list"), "revocation", revoked,
            size_bits=size, issued=now,
            valid_until=now + timedelta(hours=conf.status_list_validity_hours()),
            ttl=STATUS_LIST_CACHE_SECONDS * 1000)
        token = sign_status_list_credential(document, keys.private_pem(), keys.ALGORITHM)
        cache.set(cache_key, token, STATUS_LIST_CACHE_SECONDS)
    return token


def forget_revocation_list():
    cache.delete(f"{STATUS_LIST_CACHE_KEY}:{keys.public_jwk()['kid']}")
