"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""


import pytest

from ..conftest import AXE


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def serious_accessibility_violations(page):
    """axe-core's serious and critical findings on the current page."""
    # Run through DevTools, not added as an inline <script>: the site's CSP refuses those.
    page.evaluate(f"() => {{ {AXE.read_text(encoding='utf-8')}\n }}")
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"] if v["impact"] in ("serious", "critical")
    ]


def overflows_narrow_screen(page, width=360):
    """True when the page scrolls sideways on a phone-sized screen."""
    page.set_viewport_size({"width": width, "height": 740})
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return overflow > width


def signed_in(page, live_server, user):
    """Give the browser `user`'s session without going through the login form."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
