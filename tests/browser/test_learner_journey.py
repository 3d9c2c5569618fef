"""A learner signs up (confirming the address by the emailed link), enrols, completes
a lesson in French, and finds the same progress in Spanish through the language
switcher; each page is checked with axe-core and on a 360 px screen."""

import re

import pytest
from django.core import mail

from .conftest import overflows_narrow_screen, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_page(page, name, problems):
    for violation in serious_accessibility_violations(page):
        problems.append(f"{name}: {violation}")
    if overflows_narrow_screen(page):
        problems.append(f"{name}: scrolls sideways at 360 px")


def test_sign_up_enrol_complete_in_french_then_switch_to_spanish(catalog, live_server, page):
    problems = []
    page.goto(live_server.url + "/fr/")
    check_page(page, "home", problems)

    page.click(".site-nav a[href*='/accounts/signup/']")
    page.fill("input[name=name]", "Aminata Traoré")
    page.fill("input[name=email]", "aminata@example.org")
    page.fill("input[name=password1]", "solidarite-2026!")
    page.fill("input[name=password2]", "solidarite-2026!")
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_url(re.compile(r"/fr/accounts/signup/check-your-email/$"))
    check_page(page, "check your email", problems)
    link = re.search(r"https?://[^/]+(/fr/accounts/confirm/\S+)", mail.outbox[-1].body).group(1)
    page.goto(live_server.url + link)
    check_page(page, "confirm the address", problems)
    page.fill("input[name=password]", "solidarite-2026!")
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_selector(".site-nav form[action*='/logout/']")  # signed in, back home
    assert page.url == live_server.url + "/fr/"
    page.click(".card-list a")
    page.click("form[action*='/enrol/'] button")
    page.wait_for_selector(".progress")
    check_page(page, "course", problems)
    assert re.match(r"0\s?%", page.inner_text(".panel .progress-label"))

    page.click(".outline-steps a >> nth=0")
    first_lesson_url = page.url
    check_page(page, "lesson", problems)
    page.click("form[action*='/complete/'] button")
    page.wait_for_url(lambda url: url != first_lesson_url)

    page.click(".language-switcher button[lang=es]")
    page.wait_for_url(re.compile(r"/es/"))
    assert page.locator("html").get_attribute("lang") == "es"
    page.click(".breadcrumb a >> nth=0")
    label = page.inner_text(".panel .progress-label")
    assert "25" in label, label
    first_step = page.locator(".outline-steps li").first
    assert "is-done" in first_step.get_attribute("class")

    page.goto(live_server.url + "/es/dashboard/")
    assert "25" in page.inner_text(".card .progress-label")
    check_page(page, "dashboard", problems)
    assert problems == [], "\n".join(problems)
