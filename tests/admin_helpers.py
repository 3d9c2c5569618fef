"""Signed-in clients for the admin tests, and the form data Wagtail's editors post."""

import uuid

from django.contrib.auth.models import Group
from django.test import Client


def client_for(django_user_model, username, group=None, enforce_csrf=False):
    """A client signed in as a new user of that group (None: no group at all)."""
    user = django_user_model.objects.create_user(
        username=username, email=username, password="x")
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(user)
    client.user = user
    return client


def listing(items):
    """ListBlock form data, as the editor's JavaScript sends it."""
    data = {str(i): {"value": v, "deleted": "", "order": str(i), "id": str(uuid.uuid4())}
            for i, v in enumerate(items)}
    return {**data, "count": str(len(items))}


def stream(items):
    """StreamBlock form data with block ids."""
    data = {str(i): {"type": t, "value": v, "deleted": "", "order": str(i),
                     "id": str(uuid.uuid4())} for i, (t, v) in enumerate(items)}
    return {**data, "count": str(len(items))}


def csrf_token_of(client, url):
    """The CSRF token a page gives its forms (the cookie, after a GET)."""
    client.get(url)
    return client.cookies["csrftoken"].value
