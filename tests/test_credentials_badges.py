"""Open Badges 3.0: the downloaded badge verifies with openbadgeslib against the key
the issuer publishes; a tampered badge fails; a revoked one is reported revoked."""

import json
import stat
from urllib.parse import urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from django.urls import reverse
from django.utils import translation
from openbadgeslib.ob3 import OB3VerificationError, OB3Verifier

from credentials import keys, revocation
from credentials.badges import sign_badge
from credentials.services import verification_url

from . import credentials_helpers as shared
from .credentials_helpers import client_for

# Fixtures shared by the credentials tests.
badge_key = shared.badge_key
certificate = shared.certificate
trainer = shared.trainer

pytestmark = pytest.mark.django_db


def fetch(client):
    """What a verifier does over HTTPS, through the test client."""
    def download(url):
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, url
        return response.content
    return download


def published_verifier(client):
    """A verifier holding only the issuer's published public key (JWKS)."""
    jwks = client.get(reverse("sse_credentials_public:jwks")).json()
    (jwk,) = jwks["keys"]
    public_key = jwt.algorithms.OKPAlgorithm.from_jwk(json.dumps(jwk))
    return OB3Verifier(public_key.public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo))


def downloaded_badge(learner_client, certificate):
    with translation.override("en"):
        url = reverse("sse_credentials:download_badge", args=[certificate.pk])
    response = learner_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/vc+jwt"
    return response.content.decode()


def test_the_downloaded_badge_verifies_against_the_published_key(client, learner_client, certificate,
                                                                  course_en):
    token = downloaded_badge(learner_client, certificate)
    credential = published_verifier(client).verify(token, check_status=True,
                                                   download=fetch(client))
    assert credential.achievement.name == course_en.title
    assert credential.id == verification_url(certificate)
    profile = client.get(reverse("sse_credentials_public:issuer")).json()
    assert credential.issuer.id == profile["id"] and profile["type"] == ["Profile"]
    assert urlsplit(profile["id"]).path == reverse("sse_credentials_public:issuer")


def test_the_badge_is_an_open_badge_credential_without_a_plain_email(learner_client, certificate):
    payload = jwt.decode(downloaded_badge(learner_client, certificate),
                         options={"verify_signature": False})
    assert payload["@context"][:2] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    assert payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert payload["issuer"]["type"] == ["Profile"]
    assert payload["credentialSubject"]["type"] == ["AchievementSubject"]
    assert payload["validFrom"].startswith(certificate.issued_at.strftime("%Y-%m-%dT%H:%M:%S"))
    status = payload["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    assert status["statusListIndex"] == str(certificate.pk)
    identifiers = {i["identityType"]: i for i in payload["credentialSubject"]["identifier"]}
    assert identifiers["name"]["identityHash"] == "Ana"
    assert identifiers["emailAddress"]["hashed"] is True
    assert "ana@example.org" not in json.dumps(payload)


def test_a_tampered_badge_fails_verification(client, learner_client, certificate):
    header, payload, signature = downloaded_badge(learner_client, certificate).split(".")
    claims = jwt.utils.base64url_decode(payload)
    forged = claims.replace(b'"identityHash":"Ana"', b'"identityHash":"Eve"')
    assert forged != claims
    token = ".".join([header, jwt.utils.base64url_encode(forged).decode(), signature])
    with pytest.raises(OB3VerificationError, match="Invalid signature"):
        published_verifier(client).verify(token)


def test_a_badge_signed_with_another_key_fails(client, certificate, settings, tmp_path):
    settings.ACADEMY_BADGE_KEY_PATH = tmp_path / "impostor.pem"
    forged = sign_badge(certificate, verification_url(certificate))
    settings.ACADEMY_BADGE_KEY_PATH = tmp_path / "keys" / "badge.pem"
    with pytest.raises(OB3VerificationError, match="Invalid signature"):
        published_verifier(client).verify(forged)


def test_a_revoked_badge_is_reported_revoked_and_a_reinstated_one_is_valid_again(
        client, learner_client, certificate, trainer, django_capture_on_commit_callbacks):
    token = downloaded_badge(learner_client, certificate)
    verifier = published_verifier(client)
    verifier.verify(token, check_status=True, download=fetch(client))  # valid, and list cached
    with django_capture_on_commit_callbacks(execute=True):
        revocation.revoke(certificate.pk, trainer, "Issued in error")
    with pytest.raises(OB3VerificationError, match="'revocation' is set"):
        verifier.verify(token, check_status=True, download=fetch(client))
    with django_capture_on_commit_callbacks(execute=True):
        revocation.reinstate(certificate.pk, trainer)
    verifier.verify(token, check_status=True, download=fetch(client))


def test_the_status_list_is_signed_by_the_issuer(client, certificate):
    listing = client.get(reverse("sse_credentials_public:status_list")).content.decode()
    claims = jwt.decode(listing, options={"verify_signature": False})
    assert claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert claims["issuer"] == client.get(reverse("sse_credentials_public:issuer")).json()["id"]
    assert "validUntil" in claims
    published_verifier(client)._decode_payload(listing)  # signature checks out


def test_signing_is_deterministic(certificate):
    assert sign_badge(certificate, verification_url(certificate)) == certificate.badge


def test_the_key_is_created_once_private_and_outside_the_repository(certificate, badge_key):
    assert stat.S_IMODE(badge_key.stat().st_mode) == 0o600
    before = badge_key.read_bytes()
    keys.create_key(badge_key)  # a second worker racing to create it changes nothing
    assert badge_key.read_bytes() == before
    assert b"PRIVATE KEY" in before
    assert b"PRIVATE" not in client_for(None).get(reverse("sse_credentials_public:jwks")).content
    assert list(badge_key.parent.iterdir()) == [badge_key]  # no temporary file left
