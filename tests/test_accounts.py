"""Sign up (confirmed by email, never telling who has an account), log in and out,
reset a password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from courses.roles import LEARNERS

pytestmark = pytest.mark.django_db


SIGNUP = {"name": "Awa Diop", "email": "Awa@Example.org",
          "password1": "coop-solidaire-2026", "password2": "coop-solidaire-2026"}


def link_in(message, name):
    return re.search(rf"https?://[^/]+(/\w\w/accounts/{name}/\S+)", message.body).group(1)


def sign_up(client, **data):
    with_defaults = {**SIGNUP, **data}
    return client.post("/fr/accounts/signup/", with_defaults)


def test_signup_waits_for_the_emailed_link_then_confirms_with_the_password(
        client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/fr/accounts/signup/check-your-email/"
    assert "Consultez vos e-mails" in client.get(response["Location"]).content.decode()
    user = get_user_model().objects.get(email="awa@example.org")
    assert user.username == "awa@example.org" and not user.is_active
    assert user.groups.filter(name=LEARNERS).exists()
    assert client.get("/fr/dashboard/").status_code == 302  # not logged in
    with django_capture_on_commit_callbacks(execute=True):
        login = client.post("/en/accounts/login/", {"username": "awa@example.org",
                                                    "password": "coop-solidaire-2026"})
    assert login.status_code == 200 and "Your account is not confirmed yet" in login.content.decode()
    assert client.get("/fr/dashboard/").status_code == 302
    [message, resent] = mail.outbox  # the first link, and a new one when logging in
    assert message.to == ["awa@example.org"]
    link = link_in(resent, "confirm")
    assert client.get(link).status_code == 200  # opening the link (a mail scanner) confirms nothing
    assert not get_user_model().objects.get(pk=user.pk).is_active
    wrong = client.post(link, {"password": "something-else-2026"})
    assert wrong.status_code == 400 and "not the password you chose" in wrong.content.decode()
    response = client.post(link, {"password": "coop-solidaire-2026"})
    assert response.status_code == 302
    assert client.get("/fr/dashboard/").status_code == 200
    assert get_user_model().objects.get(pk=user.pk).is_active
    assert client.post(link, {"password": "coop-solidaire-2026"}).status_code == 400  # spent


def test_signup_answers_the_same_whether_the_address_has_an_account(
        client, learner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        new = sign_up(client, email="new.person@example.org")
        existing = sign_up(client, email="ANA@example.org", name="Someone else")
    assert (new.status_code, new["Location"]) == (existing.status_code, existing["Location"])
    assert get_user_model().objects.filter(email__iexact="ana@example.org").count() == 1
    learner.refresh_from_db()
    assert learner.first_name == "Ana" and learner.check_password("pw-ana-123456")
    warning = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    assert "a essayé de créer un compte" in warning.subject  # in the page's language
    reset = link_in(warning, "reset")
    form_page = client.get(reset, follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {
        "new_password1": "a-brand-new-pass-42", "new_password2": "a-brand-new-pass-42"})
    assert response.status_code == 302
    assert client.login(username="ana@example.org", password="a-brand-new-pass-42")


def test_signing_up_again_replaces_a_waiting_account_and_voids_its_links(
        client, django_capture_on_commit_callbacks):
    """Someone signs up with another person's address; the owner signs up too: the
    first link no longer works, and only the owner's password confirms."""
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, name="Squatter", password1="squatter-pass-2026",
                password2="squatter-pass-2026")
        sign_up(client, name="Awa Diop")
    squatter_link, owner_link = (link_in(m, "confirm") for m in mail.outbox)
    assert Client().post(squatter_link, {"password": "squatter-pass-2026"}).status_code == 400
    assert Client().post(owner_link, {"password": "squatter-pass-2026"}).status_code == 400
    owner = Client()
    assert owner.post(owner_link, {"password": "coop-solidaire-2026"}).status_code == 302
    assert get_user_model().objects.get(email="awa@example.org").first_name == "Awa Diop"


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


def test_password_reset_by_email(client, learner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
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
