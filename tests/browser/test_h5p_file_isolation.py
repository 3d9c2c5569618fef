"""No file of an uploaded H5P package runs script in the site's origin: a package with
script in an SVG, an XHTML document in XML and HTML in every other accepted type is
imported, and each of its URLs is opened in Chromium by a signed-in superuser."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from courses.h5p import conf
from courses.h5p.importer import import_package

from ..h5p_builders import build, entries
from .conftest import signed_in
from .debug_media_urls import PREFIX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.urls("tests.browser.debug_media_urls")]

# Inline script is refused by the site's CSP already; a script file of the package
# itself is of the site's origin ('self'), so every payload also loads this one.
EXTERNAL = f"{PREFIX}h5p/libraries/SSE.Hello-1.0/payload-external.js"
EXTERNAL_JS = 'console.log("xss-ran:external " + location.pathname); fetch("/xss-ran/external");'


def html_payload(tag):
    return (f'<html><head><title>untouched</title></head><body>'
            f'<script>console.log("xss-ran:{tag}"); fetch("/xss-ran/{tag}")</script>'
            f'<script src="{EXTERNAL}"></script>'
            f'<img src="/missing.png" onerror="console.log(\'xss-ran:{tag}-img\')"></body></html>')


def svg_payload(tag):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" onload="console.log(\'xss-ran:{tag}-onload\')">'
            f'<script>console.log("xss-ran:{tag}"); fetch("/xss-ran/{tag}")</script>'
            f'<script href="{EXTERNAL}"/><rect width="10" height="10"/></svg>')


XHTML = ('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
         '<script>console.log("xss-ran:xml"); fetch("/xss-ran/xml")</script>'
         f'<script src="{EXTERNAL}"></script></body></html>')


def place(extension, name):
    """Content when the whitelist allows the type there, else the library."""
    folder = "content" if extension in conf.CONTENT_EXTENSIONS else "SSE.Hello-1.0"
    return f"{folder}/{name}"


def hostile_package(path):
    files = entries()
    files[place("xml", "notes.xml")] = XHTML
    files["SSE.Hello-1.0/icon.svg"] = svg_payload("svg")
    files["SSE.Hello-1.0/payload-external.js"] = EXTERNAL_JS
    for extension in sorted(conf.LIBRARY_EXTENSIONS - {"svg", "xml"}):
        files.setdefault(place(extension, f"payload.{extension}"), html_payload(extension))
    return build(path, files)


def open_url(page, url):
    try:
        page.goto(url, wait_until="load")
    except PlaywrightError as error:
        if "Download is starting" not in str(error):
            raise


def test_no_package_file_runs_script_for_a_superuser(live_server, page, settings, tmp_path,
                                                    django_user_model):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ACADEMY_H5P_ROOT = tmp_path / "media" / "h5p"
    settings.ACADEMY_H5P_URL = f"{PREFIX}h5p"
    import_package(hostile_package(tmp_path / "hostile.h5p"))
    admin = django_user_model.objects.create_superuser(
        username="root@example.org", email="root@example.org", password="admin-pass-2026")
    signed_in(page, live_server, admin)

    ran = []
    page.on("console", lambda message: ran.append(message.text)
            if message.text.startswith("xss-ran") else None)
    page.route("**/xss-ran/**", lambda route: (ran.append(route.request.url),
                                                route.fulfill(status=204)))
    # The watch works: the same payload, run where nothing protects it, is seen.
    page.set_content(html_payload("control"))
    page.wait_for_timeout(300)
    assert "xss-ran:control" in ran
    ran.clear()

    # The browser holds the superuser's session.
    page.goto(f"{live_server.url}/admin/")
    assert "/login/" not in page.url
    # A package's script still loads as a sub-resource, as the player loads it.
    page.evaluate("""src => new Promise(done => {
        const script = document.createElement("script");
        script.src = src; script.onload = done; document.head.append(script); })""", EXTERNAL)
    page.wait_for_timeout(300)
    assert "xss-ran:external /admin/" in ran
    ran.clear()

    root = settings.ACADEMY_H5P_ROOT
    urls = sorted(f"{live_server.url}{PREFIX}h5p/{path.relative_to(root).as_posix()}"
                  for path in root.rglob("*") if path.is_file())
    assert any(url.endswith("/notes.xml") for url in urls)
    assert any(url.endswith("/SSE.Hello-1.0/icon.svg") for url in urls)
    assert len(urls) > len(conf.LIBRARY_EXTENSIONS)
    opened = []
    for url in urls:
        open_url(page, url)
        page.wait_for_timeout(100)
        opened.append(url)
    page.wait_for_timeout(500)
    assert ran == [], f"script ran in the site's origin: {ran}"
    assert opened == urls
