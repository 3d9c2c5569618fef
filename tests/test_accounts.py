"""Sign up, log in and out, reset a password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from courses.roles import LEARNERS

pytestmark = pytest.mark.django_db


def test_signup_creates_a_learner_and_logs_in(client):
    response = client.post("/fr/accounts/signup/", {
        "name": "Awa Diop", "email": "Awa@Example.org",
        "password1": "coop-solidaire-2026", "password2": "coop-solidaire-2026",
    })
    assert response.status_code == 302
    user = get_user_model().objects.get(email="awa@example.org")
    assert user.username == "awa@example.org"
    assert user.groups.filter(name=LEARNERS).exists()
    assert client.get("/fr/dashboard/").status_code == 200


@pytest.mark.parametrize("data, message", [
    ({"password2": "different-password-1"}, "different"),
    ({"password1": "123", "password2": "123"}, "password"),
    ({"email": "not-an-email"}, "email"),
])
def test_signup_rejects_bad_input(client, data, message):
    form = {"name": "Awa", "email": "awa@example.org",
            "password1": "coop-solidaire-2026", "password2": "coop-solidaire-2026", **data}
    response = client.post("/en/accounts/signup/", form)
    assert response.status_code == 400
    assert message in response.content.decode().lower()
    assert not get_user_model().objects.filter(email="awa@example.org").exists()


def test_signup_refuses_an_existing_email(client, learner):
    response = client.post("/en/accounts/signup/", {
        "name": "Ana again", "email": "ANA@example.org",
        "password1": "coop-solidaire-2026", "password2": "coop-solidaire-2026",
    })
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert get_user_model().objects.filter(email__iexact="ana@example.org").count() == 1


def test_login_with_email_and_logout_by_post(client, learner):
    response = client.post("/en/accounts/login/", {"username": "ANA@example.org",
                                                   "password": "pw-ana-123456"})
    assert response.status_code == 302
    assert client.get("/en/dashboard/").status_code == 200
    assert client.get("/en/accounts/logout/").status_code == 405
    client.post("/en/accounts/logout/")
    assert client.get("/en/dashboard/").status_code == 302


def test_wrong_password_does_not_log_in(client, learner):
    response = client.post("/en/accounts/login/", {"username": "ana@example.org",
                                                   "password": "wrong"})
    assert response.status_code == 200
    assert client.get("/en/dashboard/").status_code == 302


def test_password_reset_by_email(client, learner):
    response = client.post("/en/accounts/password-reset/", {"email": "ana@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/en/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(form_page.redirect_chain[-1][0], {
        "new_password1": "a-brand-new-pass-42", "new_password2": "a-brand-new-pass-42",
    })
    assert response.status_code == 302
    assert client.login(username="ana@example.org", password="a-brand-new-pass-42")


def test_password_reset_for_unknown_email_sends_nothing_and_reveals_nothing(client):
    response = client.post("/en/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
