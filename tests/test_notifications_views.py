"""The notification pages: the list, marking read, the header count, preferences."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext_noop

from sse_notifications import services, visibility
from sse_notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db
MESSAGE = gettext_noop("%(name)s replied in “%(thread)s”")
LIST = "/en/notifications/"


def notify(user, thread, key="x.thread:1", **kwargs):
    return services.notify([user], MESSAGE, params={"name": "Ben", "thread": thread},
                           target_key=key, **kwargs)[0]


def test_list_shows_only_my_notifications(learner_client, learner, other_learner):
    notify(learner, "Mine", url="/en/threads/1/")
    notify(other_learner, "Not yours")
    response = learner_client.get(LIST)
    assert response.status_code == 200
    assert "Ben replied in “Mine”" in response.content.decode()
    assert 'href="/en/threads/1/"' in response.content.decode()
    assert "Not yours" not in response.content.decode()


def test_list_needs_login():
    response = Client().get(LIST)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_list_is_paginated(learner_client, learner, settings):
    settings.ACADEMY_NOTIFICATIONS_PER_PAGE = 5
    for n in range(12):
        notify(learner, f"thread {n:02d}")
    first = learner_client.get(LIST).content.decode()
    third = learner_client.get(LIST + "?page=3").content.decode()
    assert "thread 11" in first and "thread 06" not in first and "Page 1 of 3" in first
    assert "thread 01" in third and "thread 00" in third and "thread 02" not in third


def test_header_shows_the_unread_count(learner_client, learner):
    notify(learner, "a")
    notify(learner, "b")
    page = learner_client.get("/en/dashboard/").content.decode()
    assert 'href="/en/notifications/">Notifications <span class="badge">2' in page


def test_mark_read_then_the_count_drops(csrf_client, learner):
    first, _second = notify(learner, "a"), notify(learner, "b")
    csrf_client.get(LIST)
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(reverse("sse_notifications:mark_read", args=[first.pk]),
                                {"csrfmiddlewaretoken": token, "next": LIST})
    assert response.status_code == 302 and response["Location"] == LIST
    first.refresh_from_db()
    assert first.read_at is not None
    assert services.unread_count(learner) == 1


def test_mark_read_of_someone_elses_notification_is_404_and_changes_nothing(
        learner_client, other_learner):
    theirs = notify(other_learner, "private")
    response = learner_client.post(reverse("sse_notifications:mark_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_of_a_hidden_notification_is_404(learner_client, learner):
    hidden = notify(learner, "secret", key="fake.thread:9")
    visibility.register("fake.", lambda user, keys: set())
    try:
        response = learner_client.post(reverse("sse_notifications:mark_read", args=[hidden.pk]))
        listing = learner_client.get(LIST).content.decode()
    finally:
        visibility.unregister("fake.")
    assert response.status_code == 404
    assert "secret" not in listing
    hidden.refresh_from_db()
    assert hidden.read_at is None


def test_mark_all_read_only_touches_mine(learner_client, learner, other_learner):
    notify(learner, "a")
    notify(learner, "b")
    theirs = notify(other_learner, "c")
    response = learner_client.post(reverse("sse_notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=learner, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("name", ["mark_read", "mark_all_read"])
@pytest.mark.parametrize("method, status, says", [
    ("get", 405, "only accepts form submissions"),   # state changes are POST only
    ("post", 403, "security token is missing"),      # a forged POST has no token
])
def test_refused_requests_change_nothing(csrf_client, learner, name, method, status, says):
    mine = notify(learner, "a")
    args = [mine.pk] if name == "mark_read" else []
    response = getattr(csrf_client, method)(reverse(f"sse_notifications:{name}", args=args))
    assert response.status_code == status
    assert says in response.content.decode()
    mine.refresh_from_db()
    assert mine.read_at is None


def test_preferences_page_saves_language_and_mode(learner_client, learner):
    assert learner_client.get("/en/notifications/preferences/").status_code == 200
    response = learner_client.post("/en/notifications/preferences/",
                                   {"language": "es", "email_mode": "immediately"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=learner)
    assert (preference.language, preference.email_mode) == ("es", "immediately")


def test_preferences_refuse_unknown_values_and_keep_the_old_ones(learner_client, learner):
    services.preference_for(learner)
    response = learner_client.post("/en/notifications/preferences/",
                                   {"language": "xx", "email_mode": "hourly"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    preference = NotificationPreference.objects.get(user=learner)
    assert (preference.language, preference.email_mode) == ("en", "daily")


def test_switching_language_updates_the_email_language(learner_client, learner):
    learner_client.post("/en/language/fr/")
    assert NotificationPreference.objects.get(user=learner).language == "fr"


def test_signing_up_keeps_the_interface_language(client, django_user_model):
    response = client.post("/es/accounts/signup/", {
        "name": "Eva", "email": "eva@example.org",
        "password1": "a-long-pass-phrase-42", "password2": "a-long-pass-phrase-42"})
    assert response.status_code == 302, response.content.decode()[:2000]
    user = django_user_model.objects.get(email="eva@example.org")
    assert NotificationPreference.objects.get(user=user).language == "es"


def test_list_queries_do_not_grow_with_the_number_of_notifications(django_user_model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for size in (3, 60):
        user = django_user_model.objects.create_user(username=f"many{size}@example.org", password="x")
        for n in range(size):
            notify(user, f"t{n}", key=f"x.thread:{n}")
        client = Client()
        client.force_login(user)
        client.get(LIST)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        counts[size] = len(captured)
    assert counts[3] == counts[60] <= 6, counts
