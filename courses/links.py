"""Where the pack sends people for accounts, from settings, never from a higher app's URL names.

A host with its own accounts (django-allauth, SSO) points these at its own pages. Each
setting may be a URL name or a path, as Django's LOGIN_URL.
"""

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, reverse


def login_url():
    return resolve_url(settings.LOGIN_URL)


def signup_url():
    """Where a newcomer creates an account, or None when the site has no sign-up page."""
    value = getattr(settings, "ACADEMY_SIGNUP_URL", None)
    return resolve_url(value) if value else None


def logout_url():
    return resolve_url(getattr(settings, "ACADEMY_LOGOUT_URL", "/accounts/logout/"))


def dashboard_url():
    """The learner's own page: ACADEMY_DASHBOARD_URL, else where logging in leads."""
    return resolve_url(getattr(settings, "ACADEMY_DASHBOARD_URL", settings.LOGIN_REDIRECT_URL))


def home_url():
    """The site's home page in the active language: /fr/, or / for an unprefixed default."""
    try:
        return reverse("wagtail_serve", args=[""])
    except NoReverseMatch:
        return "/"
