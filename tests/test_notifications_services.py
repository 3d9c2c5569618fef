"""The notifications contract other apps call: notify, subscriptions, visibility."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_noop

from sse_notifications import services, visibility
from sse_notifications.models import Notification, NotificationPreference, Subscription

pytestmark = pytest.mark.django_db
REPLIED = gettext_noop("%(name)s replied in “%(thread)s”")


def make_users(django_user_model, count, prefix="user"):
    return [django_user_model.objects.create_user(
        username=f"{prefix}{i}@example.org", email=f"{prefix}{i}@example.org", password="x")
        for i in range(count)]


@pytest.fixture
def hidden_prefix():
    """A fake app that hides every key ending in ':secret'."""
    seen_calls = []

    def keys_visible_to(user, keys):
        seen_calls.append(list(keys))
        return {key for key in keys if not key.endswith(":secret")}

    visibility.register("fake.", keys_visible_to)
    yield seen_calls
    visibility.unregister("fake.")


def test_notify_creates_one_row_per_recipient_but_not_for_the_actor(learner, other_learner):
    created = services.notify([learner, other_learner, learner], REPLIED, actor=other_learner,
                              params={"name": "Ben", "thread": "Pricing"}, url="/en/t/1/",
                              target_key="fake.thread:1")
    assert [n.recipient for n in created] == [learner]
    row = Notification.objects.get()
    assert (row.recipient, row.actor, row.url, row.target_key) == (
        learner, other_learner, "/en/t/1/", "fake.thread:1")
    assert row.text() == "Ben replied in “Pricing”"
    assert not Notification.objects.filter(recipient=other_learner).exists()


def test_notify_costs_the_same_queries_for_many_recipients(django_user_model):
    few, many = make_users(django_user_model, 2, "few"), make_users(django_user_model, 60, "many")
    counts = []
    for recipients in (few, many):
        with CaptureQueriesContext(connection) as captured:
            services.notify(recipients, REPLIED, params={"name": "A", "thread": "B"})
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 3, counts
    assert Notification.objects.count() == 62


def test_notify_refuses_a_link_that_is_not_a_site_path(learner):
    for url in ("javascript:alert(1)", "//evil.example/x", "data:text/html,x"):
        with pytest.raises(ValueError):
            services.notify([learner], REPLIED, url=url)
    assert not Notification.objects.exists()


def test_text_in_the_recipients_language_and_falls_back_when_params_do_not_match(learner):
    from django.utils import translation

    services.notify([learner], gettext_noop("You have no notifications yet."))
    notification = Notification.objects.get()
    with translation.override("fr"):
        assert notification.text() == "Vous n’avez pas encore de notification."
    notification.message, notification.params = "Hello %(name)s", {}
    assert notification.text() == "Hello %(name)s"


def test_subscriptions(learner, other_learner):
    services.subscribe(learner, "fake.thread:1")
    services.subscribe(learner, "fake.thread:1")
    services.subscribe(other_learner, "fake.thread:1")
    services.subscribe(other_learner, "fake.space:2")
    assert Subscription.objects.filter(user=learner).count() == 1
    assert set(services.subscribers("fake.thread:1")) == {learner, other_learner}
    assert services.is_subscribed(learner, "fake.thread:1")
    assert not services.is_subscribed(learner, "fake.space:2")
    services.unsubscribe(learner, "fake.thread:1")
    assert list(services.subscribers("fake.thread:1")) == [other_learner]
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(user=other_learner, target_key="fake.space:2")


def test_inactive_users_are_not_subscribers(learner):
    services.subscribe(learner, "fake.thread:1")
    learner.is_active = False
    learner.save()
    assert not services.subscribers("fake.thread:1").exists()


def test_visibility_filter_hides_notifications_and_unread_count(learner, hidden_prefix):
    services.notify([learner], REPLIED, params={"name": "a", "thread": "open"},
                    target_key="fake.thread:1")
    services.notify([learner], REPLIED, params={"name": "b", "thread": "secret"},
                    target_key="fake.thread:2:secret")
    services.notify([learner], REPLIED, params={"name": "c", "thread": "elsewhere"},
                    target_key="other.thread:3")
    shown = [n.params["thread"] for n in services.visible_notifications(learner)]
    assert sorted(shown) == ["elsewhere", "open"]  # unregistered prefixes stay visible
    assert services.unread_count(learner) == 2
    assert hidden_prefix and all(k.startswith("fake.") for call in hidden_prefix for k in call)


def test_unread_count_is_one_query_then_cached_until_something_changes(
        learner, other_learner, django_assert_num_queries):
    services.notify([learner], REPLIED, params={"name": "a", "thread": "b"}, target_key="x:1")
    with django_assert_num_queries(1):
        assert services.unread_count(learner) == 1
    with django_assert_num_queries(0):
        assert services.unread_count(learner) == 1
    services.notify([learner, other_learner], REPLIED, params={"name": "a", "thread": "c"})
    assert services.unread_count(learner) == 2
    services.mark_all_read(learner)
    assert services.unread_count(learner) == 0


def test_language_preference_follows_the_user_and_ignores_unknown_languages(learner):
    assert services.preference_for(learner).language == "en"
    services.set_language(learner, "fr")
    services.set_language(learner, "de")
    preference = NotificationPreference.objects.get(user=learner)
    assert (preference.language, preference.email_mode) == ("fr", NotificationPreference.DAILY)
