"""A learner reads notifications in Chromium: the header count, the list, marking
read, email preferences and the unsubscribe page — checked with axe-core and on a
360 px screen."""

import pytest
from django.utils.translation import gettext_noop

from sse_notifications import services
from sse_notifications.models import NotificationPreference
from sse_notifications.tokens import unsubscribe_token

from .conftest import signed_in
from .test_learner_journey import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WELCOME = gettext_noop("Welcome, %(name)s! Your account is ready.")



def test_read_notifications_and_stop_emails_in_spanish(catalog, live_server, page, browser, learner):
    problems = []
    for name in ("Lu", "Max"):
        services.notify([learner], WELCOME, params={"name": name}, url="/es/dashboard/")
    signed_in(page, live_server, learner)

    page.goto(live_server.url + "/es/dashboard/")
    header_link = page.locator(".site-nav a[href='/es/notifications/']")
    assert header_link.inner_text().split() == ["Notificaciones", "2", "sin", "leer"]
    header_link.click()
    page.wait_for_url("**/es/notifications/")
    items = page.locator(".notification-list li")
    assert items.count() == 2
    assert "¡Te damos la bienvenida, Max! Tu cuenta está lista." in items.nth(0).inner_text()
    check_page(page, "notifications", problems)

    items.nth(0).locator("button").click()
    page.wait_for_load_state()
    assert page.locator(".notification-list li.unread").count() == 1
    assert "1" in page.locator(".site-nav a[href='/es/notifications/']").inner_text()
    page.click("button:has-text('Marcar todo como leído')")
    page.wait_for_load_state()
    assert page.locator(".notification-list li.unread").count() == 0
    assert page.locator(".site-nav .badge").count() == 0

    page.click("a:has-text('Preferencias de correo')")
    page.wait_for_url("**/es/notifications/preferences/")
    check_page(page, "preferences", problems)
    page.check("input[value='immediately']")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Tus preferencias de notificaciones se han guardado." in page.inner_text("main")
    assert NotificationPreference.objects.get(user=learner).email_mode == "immediately"

    # The link from an email, opened in a browser with no session.
    stranger = browser.new_context(locale="es-ES").new_page()
    stranger.goto(f"{live_server.url}/es/notifications/unsubscribe/{unsubscribe_token(learner)}/")
    check_page(stranger, "unsubscribe", problems)
    stranger.click("main button[type=submit]")
    stranger.wait_for_load_state()
    assert "Ya no enviaremos correos de notificaciones a ana@example.org." in stranger.inner_text("main")
    assert NotificationPreference.objects.get(user=learner).email_mode == "never"
    stranger.context.close()
    assert problems == []
