"""Sign-up with a confirmed address.

The sign-up page answers every valid form the same way ("check your email"), so it
never tells who has an account:

- a new address gets an inactive account and an emailed confirmation link;
- an address still waiting for confirmation gets the new name and password and a new
  link (the owner of the mailbox may be the second to sign up: each new password
  voids the earlier links);
- an address with an account gets an email saying someone tried to sign up, with a
  link to reset the password.

Confirming needs the link AND the password chosen at sign-up, so someone who signed
up with another person's address cannot have that person confirm an account whose
password they know.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.db import transaction
from django.db.models import Q
from django.template import loader
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from courses.outbox import enqueue_after_commit
from courses.roles import LEARNERS
from sse_notifications.services import set_language as set_email_language

from .models import SignupConfirmation
from .tasks import send_email


class ConfirmationTokens(PasswordResetTokenGenerator):
    """Like password-reset tokens (valid PASSWORD_RESET_TIMEOUT), but of their own
    kind, and spent once the account is active or its password changes."""

    key_salt = "academy.signups.ConfirmationTokens"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.is_active}{timestamp}{user.email}"


tokens = ConfirmationTokens()


def is_waiting(user):
    return SignupConfirmation.objects.filter(user=user).exists()


def existing_account(email):
    return (get_user_model().objects.select_for_update()
            .filter(Q(email__iexact=email) | Q(username__iexact=email)).first())


@transaction.atomic
def sign_up(*, name, email, password, language, next_url, site):
    """Do what the sign-up form asks for `email`; every outcome looks the same to
    the visitor. `site` is the scheme and host for the emailed links."""
    user = existing_account(email)
    if user is None:
        user = get_user_model().objects.create_user(
            username=email, email=email, password=password, first_name=name, is_active=False)
        user.groups.add(Group.objects.get_or_create(name=LEARNERS)[0])
        SignupConfirmation.objects.create(user=user, next_url=next_url)
        set_email_language(user, language)
        send_confirmation(user, site)
    elif not user.is_active and is_waiting(user):
        user.first_name = name
        user.set_password(password)
        user.save(update_fields=["first_name", "password"])
        SignupConfirmation.objects.update_or_create(user=user, defaults={"next_url": next_url})
        send_confirmation(user, site)
    else:
        make_password(password)  # the same work as the other answers, so time tells nothing
        if user.is_active:
            send_signup_attempt(user, site)


def send_confirmation(user, site):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = site + reverse("sse_academy:confirm_signup", args=[uid, tokens.make_token(user)])
    _mail(user.email, _("Confirm your SSE Academy account"),
          "sse_academy/accounts/signup_confirm_email.txt",
          {"name": user.first_name, "link": link})


def send_signup_attempt(user, site):
    """The owner of an account learns that someone signed up with their address."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = site + reverse("sse_academy:password_reset_confirm",
                          args=[uid, default_token_generator.make_token(user)])
    _mail(user.email, _("Someone tried to create an SSE Academy account with your address"),
          "sse_academy/accounts/signup_attempt_email.txt",
          {"name": user.first_name, "reset_link": link,
           "login_link": site + reverse("sse_academy:login")})


def _mail(to, subject, template, context):
    body = loader.render_to_string(template, context)
    enqueue_after_commit(send_email, subject, body, [to])  # sent once the account is saved


def waiting_user(uidb64, token):
    """The account this confirmation link is for, if the link is still good."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=False,
                                           signup_confirmation__isnull=False).first()
    if user is None or not tokens.check_token(user, token):
        return None
    return user


@transaction.atomic
def confirm(user):
    """The address is confirmed: the account may be used. Returns where to go next."""
    waiting = SignupConfirmation.objects.select_for_update().filter(user=user).first()
    next_url = waiting.next_url if waiting else ""
    mark_confirmed(user)
    return next_url


def mark_confirmed(user):
    """Active, nothing waiting (also for accounts made another way, e.g. the demo's)."""
    SignupConfirmation.objects.filter(user=user).delete()
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
