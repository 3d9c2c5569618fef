"""One statement the external LRS refuses (a 4xx) is set aside with the LRS's answer,
for an operator to see and send again; the statements around it are forwarded."""

import http.server
import json
import threading

import pytest
from django.core.management import call_command
from django.test import Client

from courses import progress
from courses.models import XAPIStatement

from .conftest import course_in
from .test_h5p_xapi import h5p_lesson, post, statement, xapi_url  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


class PickyLRS:
    """A statements endpoint on localhost that, like a real LRS, refuses a whole batch
    with 400 when one statement in it is one it does not accept (verb "interacted")."""

    def __init__(self):
        lrs = self
        self.up, self.received = False, []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                batch = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if not lrs.up:
                    self.send_response(503)
                    self.end_headers()
                    return
                if any(s["verb"]["id"].endswith("/interacted") for s in batch):
                    body = b'{"error": "Invalid extension in statement"}'
                    self.send_response(400)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                lrs.received.extend(s["verb"]["id"].rsplit("/", 1)[-1] for s in batch)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/xapi/statements"


@pytest.fixture
def lrs(settings):
    server = PickyLRS()
    settings.ACADEMY_LRS_ENDPOINT = server.url
    settings.ACADEMY_LRS_USERNAME, settings.ACADEMY_LRS_PASSWORD = "academy", "secret"
    yield server
    server.server.shutdown()


def test_a_refused_statement_is_set_aside_and_the_others_go_through(
        learner, learner_client, h5p_lesson, lrs, django_user_model):  # noqa: F811
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    for verb in ("attempted", "interacted", "answered"):  # queued while the LRS is down
        post(learner_client, xapi_url(lesson, block_id), statement(verb, learner.email))
    lrs.up = True
    call_command("forward_xapi", verbosity=0)
    assert lrs.received == ["attempted", "answered"]
    refused = XAPIStatement.objects.get(refused_at__isnull=False)
    assert refused.verb.endswith("interacted") and refused.forwarded_at is None
    assert "400" in refused.refusal and "Invalid extension" in refused.refusal
    # It no longer blocks anything: the next statement is forwarded at once.
    post(learner_client, xapi_url(lesson, block_id), statement("completed", learner.email))
    call_command("forward_xapi", verbosity=0)
    assert lrs.received == ["attempted", "answered", "completed"]

    operator = Client()
    operator.force_login(django_user_model.objects.create_superuser("op", "op@example.org", "x"))
    page = operator.get("/admin/lrs/refused/").content.decode()
    assert "Invalid extension in statement" in page and "interacted" in page
    assert learner_client.get("/admin/lrs/refused/").status_code in (302, 403)
    assert operator.post("/admin/lrs/refused/", {"statement": [str(refused.pk)]}).status_code == 302
    refused.refresh_from_db()
    assert refused.refused_at is None and refused.refusal == ""  # waiting again


def test_an_unavailable_lrs_sets_nothing_aside(learner, learner_client, h5p_lesson, lrs):  # noqa: F811
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    post(learner_client, xapi_url(lesson, block_id), statement("attempted", learner.email))
    with pytest.raises(OSError):
        call_command("forward_xapi", verbosity=0)
    assert not XAPIStatement.objects.filter(refused_at__isnull=False).exists()
    assert XAPIStatement.objects.filter(forwarded_at__isnull=True).count() == 1
