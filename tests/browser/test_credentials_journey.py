"""A learner finishes a course in French in Chromium, finds the certificate on the
dashboard, downloads the PDF, and opens the public verification page — each page
checked with axe-core and on a 360 px screen."""

import re

import pytest

from credentials.models import Certificate

from ..conftest import course_in, lessons_of
from .conftest import signed_in
from .test_learner_journey import check_page  # axe + 360 px, the same checks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def test_finish_in_french_download_and_verify(catalog, live_server, page, learner, browser):
    problems = []
    signed_in(page, live_server, learner)
    course = course_in("fr")
    page.goto(live_server.url + course.url)
    page.click("form[action*='/enrol/'] button")
    page.wait_for_selector(".progress")
    for lesson in lessons_of(course):
        page.goto(live_server.url + lesson.url)
        button = page.locator("form[action*='/complete/'] button")
        if button.count():  # some lessons are complete as soon as they are opened
            button.click()
            page.wait_for_load_state()

    page.goto(live_server.url + "/fr/dashboard/")
    certificate = Certificate.objects.get(user=learner)
    assert certificate.language == "fr" and certificate.is_ready
    section = page.locator("#certificates-title")
    assert section.inner_text() == "Mes certificats"
    check_page(page, "dashboard", problems)

    with page.expect_download() as download:
        page.click(f"#certificate-{certificate.pk} a[href$='certificate.pdf']")
    assert download.value.suggested_filename == f"certificate-{certificate.code}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.click(f"#certificate-{certificate.pk} a[href*='/verify/']")
    page.wait_for_url(re.compile(r"/verify/"))
    assert page.url == f"{live_server.url}/verify/{certificate.code}/"  # no language prefix
    assert "Ce certificat est valide." in page.inner_text("main")
    check_page(page, "verification", problems)

    # A stranger (another browser, no session, Spanish) checks a mistyped code.
    stranger = browser.new_context(locale="es-ES").new_page()
    stranger.goto(f"{live_server.url}/verify/")
    stranger.fill("#verification-code", certificate.code.lower().replace("-", " "))
    stranger.click("form.stacked-form button[type=submit]")
    stranger.wait_for_url(re.compile(r"/verify/[0-9A-Z-]+/$"))
    assert "Este certificado es válido." in stranger.inner_text("main")
    check_page(stranger, "verification (es)", problems)
    stranger.context.close()
    assert problems == [], "\n".join(problems)
