"""xAPI statements from H5P activities: validated, stored, turned into results and
lesson progress; nobody can post for someone else or outside their courses."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from courses import progress
from courses.h5p.importer import import_package
from courses.models import (
    H5PResult,
    ModulePage,
    StepProgress,
    XAPIStatement,
)
from courses.roles import TRAINERS

from .conftest import course_in
from .h5p_builders import add_h5p_lesson, build

pytestmark = pytest.mark.django_db
VERBS = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture
def h5p_lesson(settings, tmp_path):
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    package = import_package(build(tmp_path / "hello.h5p"))
    module = ModulePage.objects.child_of(course_in("en")).order_by("path").first()
    return add_h5p_lesson(module, package)


def statement(verb, user_email, raw=None, maximum=None, parent=False, success=None):
    data = {"actor": {"objectType": "Agent", "mbox": f"mailto:{user_email}"},
            "verb": {"id": VERBS + verb, "display": {"en-US": verb}},
            "object": {"id": "http://testserver/en/try-it#h5p", "objectType": "Activity"}}
    if raw is not None:
        data["result"] = {"score": {"raw": raw, "max": maximum, "min": 0,
                                    "scaled": raw / maximum}}
        if success is not None:
            data["result"]["success"] = success
    if parent:
        data["context"] = {"contextActivities": {"parent": [{"id": "http://x/parent"}]}}
    return data


def xapi_url(lesson, block_id):
    with translation.override("en"):
        return reverse("sse_courses:h5p_xapi", args=[lesson.id, block_id])


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_answered_statement_records_score_and_completes_the_lesson(learner, learner_client,
                                                                   h5p_lesson):
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    url = xapi_url(lesson, block_id)
    child = post(learner_client, url, statement("answered", learner.email, 0, 1, parent=True))
    assert child.status_code == 201
    assert not H5PResult.objects.get().completed  # a sub-question does not finish it
    response = post(learner_client, url, statement("answered", learner.email, 1, 1, success=True))
    assert response.status_code == 201
    stored = XAPIStatement.objects.get(pk=response.json()["id"])
    for key in ("id", "timestamp", "stored", "authority"):
        assert key in stored.statement
    result = H5PResult.objects.get()
    assert (result.raw, result.max, result.scaled, result.completed, result.passed) == \
        (1, 1, 1.0, True, True)
    assert StepProgress.objects.get(user=learner, step_key=lesson.translation_key).completed_at


def test_a_failed_attempt_does_not_complete_a_pass_rule(learner, learner_client, h5p_lesson):
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    post(learner_client, xapi_url(lesson, block_id),
         statement("answered", learner.email, 0, 1, success=False))
    assert H5PResult.objects.get().completed
    assert not StepProgress.objects.filter(completed_at__isnull=False).exists()


def test_statements_about_someone_else_are_refused(learner, learner_client, h5p_lesson):
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    response = post(learner_client, xapi_url(lesson, block_id),
                    statement("completed", "someone.else@example.org"))
    assert response.status_code == 403
    assert not XAPIStatement.objects.exists() and not H5PResult.objects.exists()


def test_not_enrolled_or_anonymous_is_refused(learner_client, client, h5p_lesson):
    lesson, block_id = h5p_lesson
    data = statement("completed", "ana@example.org")
    assert post(learner_client, xapi_url(lesson, block_id), data).status_code == 403
    assert post(client, xapi_url(lesson, block_id), data).status_code == 403
    assert not XAPIStatement.objects.exists()


@pytest.mark.parametrize("body, status", [
    ("not json", 400), (json.dumps([1, 2]), 400), (json.dumps({"verb": {}}), 400),
    (json.dumps({"verb": {"id": VERBS + "answered"}, "object": {"id": "x"},
                 "result": {"score": {"raw": "ten"}}}), 400),
    (json.dumps({"verb": {"id": VERBS + "answered"}, "object": {"id": "x"},
                 "result": {"score": {"scaled": 7}}}), 400),
    (json.dumps({"verb": {"id": "v"}, "object": {"id": "x"}, "pad": "x" * 70_000}), 413),
])
def test_malformed_statements_are_refused(learner, learner_client, h5p_lesson, body, status):
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    response = learner_client.post(xapi_url(lesson, block_id), body,
                                   content_type="application/json")
    assert response.status_code == status
    assert "error" in response.json()
    assert not XAPIStatement.objects.exists()


def test_a_block_that_is_not_h5p_is_a_404(learner, learner_client, h5p_lesson):
    lesson, _block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    response = post(learner_client, xapi_url(lesson, "no-such-block"),
                    statement("completed", learner.email))
    assert response.status_code == 404
    assert not XAPIStatement.objects.exists()


def test_csrf_and_method_are_checked(learner, h5p_lesson):
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert post(client, xapi_url(lesson, block_id),
                statement("completed", learner.email)).status_code == 403
    assert client.get(xapi_url(lesson, block_id)).status_code == 405
    assert not XAPIStatement.objects.exists()


def test_state_is_saved_and_restored(learner, learner_client, h5p_lesson):
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    with translation.override("en"):
        url = reverse("sse_courses:h5p_state", args=[lesson.id, block_id])
    assert learner_client.post(url, {"data": '{"answer": true}', "preload": "1"}).json() == {
        "success": True}
    assert learner_client.get(url).json() == {"success": True, "data": '{"answer": true}'}
    page = learner_client.get(lesson.url).content.decode()
    assert "answer" in page and "h5p-standalone/main.bundle.js" in page


def test_trainers_export_statements_and_learners_cannot(learner, learner_client, h5p_lesson,
                                                         django_user_model):
    from django.contrib.auth.models import Group

    lesson, block_id = h5p_lesson
    course = course_in("en")
    progress.enrol(learner, course)
    post(learner_client, xapi_url(lesson, block_id), statement("completed", learner.email))
    trainer = django_user_model.objects.create_user(username="t@example.org", password="x")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client = Client()
    client.force_login(trainer)
    exported = client.get(f"/admin/h5p/statements/{course.id}/").json()
    assert len(exported) == 1 and exported[0]["verb"]["id"].endswith("completed")
    assert learner_client.get(f"/admin/h5p/statements/{course.id}/").status_code in (302, 403)


class FakeLRS:
    """A statements endpoint on localhost that can be switched down and up."""

    def __init__(self):
        import http.server
        import threading

        lrs = self
        self.up, self.received, self.auth = False, [], []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                lrs.auth.append(self.headers.get("Authorization"))
                if not lrs.up:
                    self.send_response(503)
                else:
                    lrs.received.extend(json.loads(body))
                    self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/xapi/statements"


def test_no_statement_is_lost_while_the_lrs_is_down(learner, learner_client, h5p_lesson,
                                                     settings, django_capture_on_commit_callbacks):
    lrs = FakeLRS()
    settings.ACADEMY_LRS_ENDPOINT = lrs.url
    settings.ACADEMY_LRS_USERNAME, settings.ACADEMY_LRS_PASSWORD = "academy", "secret"
    lesson, block_id = h5p_lesson
    progress.enrol(learner, course_in("en"))
    with django_capture_on_commit_callbacks(execute=True):
        response = post(learner_client, xapi_url(lesson, block_id),
                        statement("attempted", learner.email))
    assert response.status_code == 201  # the learner is not held up by the LRS
    assert XAPIStatement.objects.get().forwarded_at is None and lrs.received == []
    lrs.up = True
    with django_capture_on_commit_callbacks(execute=True):
        post(learner_client, xapi_url(lesson, block_id), statement("completed", learner.email))
    assert [s["verb"]["id"].rsplit("/", 1)[-1] for s in lrs.received] == ["attempted", "completed"]
    assert not XAPIStatement.objects.filter(forwarded_at__isnull=True).exists()
    assert lrs.auth[-1].startswith("Basic ")
    lrs.server.shutdown()
