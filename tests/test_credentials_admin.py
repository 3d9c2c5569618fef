"""Trainers revoke and reinstate certificates in the Wagtail admin; nobody else can."""

import pytest
from django.test import Client
from django.urls import reverse

from credentials.models import Certificate

from . import credentials_helpers as shared
from .credentials_helpers import client_for

# Fixtures shared by the credentials tests.
badge_key = shared.badge_key
certificate = shared.certificate
facilitator = shared.facilitator
people = shared.people
trainer = shared.trainer

pytestmark = pytest.mark.django_db


def admin_url(name, *args):
    return reverse(f"sse_credentials_certificate:{name}", args=args)


NOT_TRAINERS = ["anonymous", "owner", "other learner", "facilitator"]


@pytest.mark.parametrize("who", NOT_TRAINERS)
@pytest.mark.parametrize("view", ["index", "inspect"])
def test_only_trainers_see_certificates_in_the_admin(certificate, people, who, view):
    args = [certificate.pk] if view == "inspect" else []
    response = client_for(people[who]).get(admin_url(view, *args))
    assert response.status_code in (302, 403)
    assert certificate.code not in response.content.decode()


def test_a_trainer_lists_searches_and_inspects_certificates(certificate, trainer):
    client = client_for(trainer)
    listing = client.get(admin_url("index"), {"q": certificate.code})
    assert listing.status_code == 200 and certificate.code in listing.content.decode()
    page = client.get(admin_url("inspect", certificate.pk)).content.decode()
    assert "Ana" in page and "Revoke this certificate" in page
    # Certificates are made by the task only: no add, edit or delete in the admin.
    assert f"/edit/{certificate.pk}/" not in page and "/new/" not in listing.content.decode()


@pytest.mark.parametrize("who", NOT_TRAINERS)
def test_nobody_but_a_trainer_can_revoke(certificate, people, who):
    response = client_for(people[who]).post(admin_url("revoke", certificate.pk), {"reason": "x"})
    assert response.status_code in (302, 403)
    assert not Certificate.objects.get(pk=certificate.pk).is_revoked


def test_a_trainer_revokes_with_a_reason_and_the_public_page_says_so(certificate, trainer, client):
    trainer_client = Client(enforce_csrf_checks=True)
    trainer_client.force_login(trainer)
    form = trainer_client.get(admin_url("inspect", certificate.pk))
    token = form.context["csrf_token"]
    response = trainer_client.post(admin_url("revoke", certificate.pk),
                                   {"reason": "Identity fraud", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    revoked = Certificate.objects.get(pk=certificate.pk)
    assert revoked.is_revoked and revoked.revoked_by == trainer
    assert revoked.revocation_reason == "Identity fraud"
    page = client.get(reverse("sse_credentials_public:verify", args=[certificate.code])).content.decode()
    assert "has been revoked" in page and "Identity fraud" in page

    again = trainer_client.post(admin_url("revoke", certificate.pk),
                                {"reason": "twice", "csrfmiddlewaretoken": token})
    assert again.status_code == 409 and "already revoked" in again.content.decode()

    back = trainer_client.post(admin_url("reinstate", certificate.pk), {"csrfmiddlewaretoken": token})
    assert back.status_code == 302
    reinstated = Certificate.objects.get(pk=certificate.pk)
    assert not reinstated.is_revoked and reinstated.revocation_reason == ""
    assert "This certificate is valid." in client.get(
        reverse("sse_credentials_public:verify", args=[certificate.code])).content.decode()


def test_revoking_without_csrf_is_refused(certificate, trainer):
    trainer_client = Client(enforce_csrf_checks=True)
    trainer_client.force_login(trainer)
    response = trainer_client.post(admin_url("revoke", certificate.pk), {"reason": "Fraud"})
    assert response.status_code == 403
    assert not Certificate.objects.get(pk=certificate.pk).is_revoked


@pytest.mark.parametrize("reason, message", [("", "Give the reason"), ("   ", "Give the reason"),
                                             ("x" * 1001, "too long")])
def test_a_revocation_needs_a_sensible_reason(certificate, trainer, reason, message):
    response = client_for(trainer).post(admin_url("revoke", certificate.pk), {"reason": reason})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Certificate.objects.get(pk=certificate.pk).is_revoked


def test_revoking_by_get_or_an_unknown_id_is_refused(certificate, trainer):
    client = client_for(trainer)
    get = client.get(admin_url("revoke", certificate.pk))
    assert get.status_code == 405 and "with a reason" in get.content.decode()
    # (LocaleMiddleware moves any unprefixed 404 under /en/, where it stays a 404.)
    missing = client.post(admin_url("revoke", certificate.pk + 99), {"reason": "Fraud"}, follow=True)
    assert missing.status_code == 404
    assert not Certificate.objects.filter(revoked_at__isnull=False).exists()
    not_revoked = client.post(admin_url("reinstate", certificate.pk))
    assert not_revoked.status_code == 409 and "is not revoked" in not_revoked.content.decode()
