"""The demo site served by gunicorn in a process of its own, on the test database: what
production runs, with persistent database connections and its own cache."""

import os
import subprocess
import sys
from contextlib import contextmanager

import requests

from .conftest import ROOT, database_url, wait_for
from .own_redis import free_port


@contextmanager
def gunicorn(log, *, workers=1, threads=1, **env):
    """Serve the base profile (DEBUG off) until the block ends; yields the base URL."""
    port = free_port()
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "demo_site.settings.base",
                   "DEBUG": "false", "DATABASE_URL": database_url(), "CELERY_BROKER_URL": "",
                   "CACHE_URL": "", **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "demo_site.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
         "--timeout", "120"],
        cwd=ROOT, env=environment, stdout=log.open("a"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def answers():
        try:
            return requests.get(f"{url}/en/", timeout=5).status_code < 500
        except requests.RequestException:
            return process.poll() is not None

    try:
        assert wait_for(answers, 90) and process.poll() is None, log.read_text()
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def signed_in(client, url):
    """A requests session that carries the Django test client's login and a CSRF token."""
    session = requests.Session()
    session.cookies.set("sessionid", client.cookies["sessionid"].value)
    token = "c" * 32
    session.cookies.set("csrftoken", token)
    session.headers.update({"X-CSRFToken": token, "Referer": url + "/"})
    return session
