"""The public verification page and the holder's downloads, for every kind of visitor."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from courses.storage import read_bytes
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


def verify_url(code):
    return reverse("sse_credentials_public:verify", args=[code])


def revoke(certificate, reason="Plagiarised worksheets"):
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now(),
                                                          revocation_reason=reason)


def test_verification_url_has_no_language_prefix(certificate):
    assert verify_url(certificate.code) == f"/verify/{certificate.code}/"


def test_a_valid_certificate_is_shown_to_anyone_without_personal_data(client, certificate, course_en,
                                                                       learner):
    response = client.get(verify_url(certificate.code))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is valid." in page
    for shown in ("Ana", course_en.title, certificate.code,
                  f'datetime="{certificate.issued_at.isoformat()}"'):
        assert shown in page, shown
    assert "ana@example.org" not in page and "@" not in page.split("<main")[1]
    assert f"/{learner.pk}/" not in page and "revoked" not in page.lower()
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("who", ["anonymous", "owner", "other learner", "facilitator", "trainer"])
def test_every_visitor_sees_the_same_public_page(certificate, people, who):
    page = client_for(people[who]).get(verify_url(certificate.code)).content.decode()
    assert "This certificate is valid." in page and "Ana" in page
    assert "ana@example.org" not in page


def test_a_code_typed_in_lower_case_or_with_spaces_still_verifies(client, certificate):
    assert client.get(verify_url(certificate.code.lower())).status_code == 200
    typed = client.get(reverse("sse_credentials_public:verify_lookup"),
                       {"code": certificate.code.replace("-", " ").lower()})
    assert typed.status_code == 302 and typed["Location"] == verify_url(certificate.code)


def test_a_revoked_certificate_says_so_with_the_date_and_reason(client, certificate):
    revoke(certificate)
    page = client.get(verify_url(certificate.code)).content.decode()
    assert "This certificate has been revoked and is no longer valid." in page
    assert "Plagiarised worksheets" in page and "Revoked on" in page
    assert "This certificate is valid." not in page


@pytest.mark.parametrize("code", ["AAAA-BBBB-CCCC-DDDD", "nonsense", "<script>alert(1)<script>"])
def test_an_unknown_code_is_a_clear_404(client, certificate, code):
    response = client.get(verify_url(code), follow=True)
    page = response.content.decode()
    # LocaleMiddleware moves a not-found page under the visitor's language prefix.
    assert response.redirect_chain[-1][0].startswith("/en/verify/")
    assert response.status_code == 404
    assert "No certificate has the code" in page and "<script>alert" not in page


def test_a_malformed_typed_code_is_refused_with_a_message(client):
    response = client.get(reverse("sse_credentials_public:verify_lookup"), {"code": "1234"})
    assert response.status_code == 400
    assert "16 letters and digits" in response.content.decode()


def test_the_verification_page_follows_the_visitors_language(client, certificate):
    response = client.get(verify_url(certificate.code), HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert '<html lang="fr">' in page and "Ce certificat est valide." in page


DOWNLOADS = ["sse_credentials:download_pdf", "sse_credentials:download_badge"]
# who → expected status of a download of Ana's certificate
MATRIX = [("anonymous", 403), ("owner", 200), ("other learner", 404), ("facilitator", 404),
          ("trainer", 200)]


def download_url(name, certificate_id):
    with translation.override("en"):
        return reverse(name, args=[certificate_id])


@pytest.mark.parametrize("name", DOWNLOADS)
@pytest.mark.parametrize("who, status", MATRIX)
def test_download_permissions(certificate, people, name, who, status):
    response = client_for(people[who]).get(download_url(name, certificate.pk))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        body = b"".join(response)
        expected = read_bytes(certificate.pdf) if name.endswith("pdf") else certificate.badge.encode()
        assert body == expected
    else:
        assert certificate.code not in response.content.decode()


@pytest.mark.parametrize("name", DOWNLOADS)
def test_an_unknown_certificate_id_is_a_404(learner_client, certificate, name):
    response = learner_client.get(download_url(name, certificate.pk + 1000))
    assert response.status_code == 404
    assert "This certificate does not exist." in response.content.decode()


@pytest.mark.parametrize("name, missing", [("sse_credentials:download_pdf", {"pdf": ""}),
                                           ("sse_credentials:download_badge", {"badge": ""})])
def test_a_certificate_still_being_prepared_is_a_409(learner_client, certificate, name, missing):
    Certificate.objects.filter(pk=certificate.pk).update(**missing)
    response = learner_client.get(download_url(name, certificate.pk))
    assert response.status_code == 409
    assert "still being prepared" in response.content.decode()


@pytest.mark.parametrize("name", ["issuer", "jwks", "status_list"])
@pytest.mark.parametrize("who", ["anonymous", "owner", "facilitator", "trainer"])
def test_the_issuers_public_documents_are_public(people, badge_key, name, who):
    response = client_for(people[who]).get(reverse(f"sse_credentials_public:{name}"))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_dashboard_lists_my_certificates_only(learner_client, other_learner, certificate,
                                                  course_en):
    page = learner_client.get("/en/dashboard/").content.decode()
    assert "My certificates" in page
    assert download_url("sse_credentials:download_pdf", certificate.pk) in page
    assert download_url("sse_credentials:download_badge", certificate.pk) in page
    assert verify_url(certificate.code) in page
    other = client_for(other_learner).get("/en/dashboard/").content.decode()
    assert certificate.code not in other and "Finish a course to receive" in other


def test_a_revoked_certificate_is_marked_on_the_dashboard(learner_client, certificate):
    revoke(certificate)
    page = learner_client.get("/en/dashboard/").content.decode()
    assert "revoked" in page
    assert download_url("sse_credentials:download_pdf", certificate.pk) not in page
