"""The pack installs into a fresh `wagtail start` site by the README's steps alone.

Builds the wheel, makes a new virtualenv, starts a host site, applies README.md's
embedding steps literally (readme_steps.py), adds a host app of its own named
`notifications` (the name a popular package uses too), then checks in Chromium, on the
host's own server: the host's home page, the academy in French, a learner who signs up
(confirming the address by the link in the email the host wrote to a file), enrols and
completes a lesson, and an H5P lesson whose player loads.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ..conftest import CHROMIUM, require
from .readme_steps import apply_steps, readme_steps, run

pytestmark = [pytest.mark.embedding, pytest.mark.browser]
REPO = Path(__file__).resolve().parents[2]
H5P_PACKAGE = REPO.parent / "shared" / "fixtures" / "h5p" / "h5p-test.h5p"

# A host app of the host's own, labelled "notifications", with a model whose reverse
# accessor on users, URL namespace and template folder use that name too.
HOST_NOTIFICATIONS_MODELS = '''from django.conf import settings
from django.db import models


class Notice(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    text = models.TextField()
'''

ADD_H5P_LESSON = '''
import uuid
from courses.models import CoursePage, H5PPackage, LessonPage, ModulePage
course = CoursePage.objects.get(locale__language_code="en", slug="sse-introduction")
module = ModulePage.objects.child_of(course).order_by("path").first()
lesson = module.add_child(instance=LessonPage(
    title="True or false?", slug="true-or-false", locale=module.locale, completion_rule="h5p",
    body=[{"type": "h5p", "id": str(uuid.uuid4()),
           "value": {"package": str(H5PPackage.objects.get().pk), "completion": "complete"}}]))
lesson.save_revision().publish()
print(lesson.url)
'''


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def host_site(tmp_path_factory):
    require(H5P_PACKAGE.exists(), f"the H5P fixture {H5P_PACKAGE}")
    require(Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}")
    work = tmp_path_factory.mktemp("embedding")
    log_lines = []
    log = log_lines.append
    env = {key: value for key, value in os.environ.items()
           if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CELERY_BROKER_URL",
                          "VIRTUAL_ENV", "PYTHONPATH"}}
    try:
        run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
             str(work / "dist"), str(REPO)], work, env, log)
        run([sys.executable, "-m", "venv", str(work / "venv")], work, env, log)
        env["PATH"] = f"{work / 'venv' / 'bin'}{os.pathsep}{env['PATH']}"
        env["PIP_FIND_LINKS"] = " ".join(filter(None, [str(work / "dist"),
                                                        env.get("PIP_FIND_LINKS")]))
        run(["pip", "install", "--quiet", "wagtail>=8.0,<8.1"], work, env, log)
        run(["wagtail", "start", "host"], work, env, log)
        host = work / "host"
        apply_steps(readme_steps(), host, env, log)
        run(["python", "manage.py", "startapp", "notifications"], host, env, log)
        (host / "notifications" / "models.py").write_text(HOST_NOTIFICATIONS_MODELS)
        settings_file = host / "host" / "settings" / "base.py"
        settings_file.write_text(settings_file.read_text()
                                 + '\nINSTALLED_APPS += ["notifications"]\n')
        # The host's mail goes to files the test reads: local.py is read after dev.py,
        # which sets the console backend.
        (host / "host" / "settings" / "local.py").write_text(
            'EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"\n'
            f'EMAIL_FILE_PATH = {str(work / "mail")!r}\n')
        run(["python", "manage.py", "makemigrations", "notifications"], host, env, log)
        run(["python", "manage.py", "migrate"], host, env, log)
        run(["python", "manage.py", "check", "--fail-level", "WARNING"], host, env, log)
        run(["python", "manage.py", "import_h5p", str(H5P_PACKAGE)], host, env, log)
        lesson_url = run(["python", "manage.py", "shell", "-c", ADD_H5P_LESSON],
                         host, env, log).strip().splitlines()[-1]
    except Exception:
        print("\n".join(log_lines))
        raise
    port = free_port()
    server = subprocess.Popen(["python", "manage.py", "runserver", f"127.0.0.1:{port}",
                               "--noreload"], cwd=host, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(60):
        try:
            urllib.request.urlopen(f"{base}/en/", timeout=2)
            break
        except OSError:
            time.sleep(1)
    yield {"base": base, "host": host, "env": env, "h5p_lesson": lesson_url,
           "mail": work / "mail"}
    server.terminate()
    server.wait(10)


@pytest.fixture
def page(browser):
    """A page of the Chromium the browser tests share (tests/conftest.py)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_the_installed_pack_ships_compiled_translations_and_the_catalog(host_site):
    site_packages = run(["python", "-c", "import academy, sse_notifications, pathlib; "
                         "print(pathlib.Path(academy.__file__).parent)"],
                        host_site["host"], host_site["env"], print).strip()
    academy = Path(site_packages)
    assert (academy / "locale" / "fr" / "LC_MESSAGES" / "django.mo").is_file()
    assert (academy / "locale" / "es" / "LC_MESSAGES" / "django.mo").is_file()
    assert (academy / "catalog" / "content" / "gysbi").is_dir()
    assert "demo_site" not in run(["pip", "show", "-f", "sse-academy"], host_site["host"],
                                  host_site["env"], print)


def test_the_host_keeps_its_home_page_and_the_academy_speaks_french(host_site, page):
    base = host_site["base"]
    page.goto(f"{base}/en/")
    assert "Welcome to your new Wagtail site" in page.content()
    page.goto(f"{base}/fr/cours/")
    assert page.locator("html").get_attribute("lang") == "fr"
    body = page.content()
    assert "Économie sociale et solidaire" in body or "économie sociale et solidaire" in body
    assert "Se connecter" in body  # the pack's interface strings, in French


def confirmation_link(mail_folder, address):
    """The address-confirmation link of the last email to `address` the host wrote."""
    for message in sorted(mail_folder.glob("*.log"), key=lambda path: path.stat().st_mtime,
                          reverse=True):
        text = message.read_text()
        if f"To: {address}" in text and "/accounts/confirm/" in text:
            return re.search(r"https?://\S+/accounts/confirm/\S+/", text).group(0)
    raise AssertionError(f"no confirmation email to {address} in {mail_folder}")


def test_a_learner_signs_up_enrols_and_completes_a_lesson(host_site, page):
    course_url = f"{host_site['base']}/en/courses/sse-introduction/"
    page.goto(course_url)
    page.click("main a[href*='/accounts/signup/']")
    page.fill("input[name=name]", "Amina Diallo")
    page.fill("input[name=email]", "amina@example.org")
    page.fill("input[name=password1]", "solidarity-economy-2026")
    page.fill("input[name=password2]", "solidarity-economy-2026")
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/signup/check-your-email/$"))
    page.goto(confirmation_link(host_site["mail"], "amina@example.org"))
    page.fill("input[name=password]", "solidarity-economy-2026")
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_selector(".site-nav form[action*='/logout/']")
    page.goto(course_url)
    page.click("form[action*='/enrol/'] button")
    page.wait_for_selector(".progress")
    assert re.match(r"0\s?%", page.inner_text(".panel .progress-label"))
    page.click(".outline-steps a >> nth=0")
    lesson_url = page.url
    page.click("form[action*='/complete/'] button")
    page.wait_for_url(lambda url: url != lesson_url)
    page.goto(course_url)
    assert "is-done" in page.locator(".outline-steps li").first.get_attribute("class")
    assert not re.match(r"0\s?%", page.inner_text(".panel .progress-label"))


def test_an_h5p_lesson_loads_the_player(host_site, page):
    base = host_site["base"]
    page.goto(f"{base}/en/accounts/login/?next={host_site['h5p_lesson']}")
    page.fill("input[name=username]", "amina@example.org")
    page.fill("input[name=password]", "solidarity-economy-2026")
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_url(f"{base}{host_site['h5p_lesson']}")
    frame = page.frame_locator(".h5p-player iframe")
    frame.get_by_text("False", exact=True).wait_for(timeout=30000)  # H5P.TrueFalse plays
