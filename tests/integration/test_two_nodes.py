"""Two app servers and a worker, each a process of its own with its own local media and
private folders, sharing one PostgreSQL database (the test database), one Redis (the
broker's database: queues, cache and sessions) and one S3 endpoint (moto's server).

A trainer uploads an H5P package through node A's admin (real HTTP, CSRF token); the
worker imports it from the bucket; a learner plays it on node B, whose xAPI endpoint
records the result and completes the course; the worker issues the certificate; node B
hands out its PDF; the badge verifies against the issuer documents of either node,
signed with the one key file all three processes are given. Nothing lands on a local
disk, so any node could have answered any request."""

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group
from openbadgeslib.ob3 import OB3Verifier

from courses import progress
from courses.models import H5PPackage, H5PResult, H5PUpload, ModulePage, StepProgress
from courses.roles import TRAINERS
from courses.storage import read_bytes
from credentials import keys
from credentials.models import Certificate

from ..conftest import course_in, lessons_of, require
from ..h5p_builders import add_h5p_lesson
from .conftest import ROOT, database_url, redis_answers, wait_for
from .s3_server import free_port

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
FIXTURE = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "h5p" / "h5p-test.h5p"
SITE_URL = "http://academy.example.org"  # what both nodes print in badges and links
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def files_under(folder):
    return sorted(str(p) for p in Path(folder).rglob("*") if p.is_file())


class Cluster:
    """The processes, their folders and logs."""

    def __init__(self, tmp_path, bucket):
        self.tmp_path, self.bucket = tmp_path, bucket
        self.processes, self.folders, self.logs = {}, {}, {}
        self.key_path = tmp_path / "shared-key" / "badge.pem"
        suffix = uuid.uuid4().hex[:8]
        self.queues = (f"two-nodes-{suffix}", f"two-nodes-long-{suffix}")
        broker = os.environ["CELERY_BROKER_URL"]
        self.env = {
            **os.environ, **bucket.environment(),
            "DJANGO_SETTINGS_MODULE": "demo_site.settings.base", "DEBUG": "false",
            "SECRET_KEY": "two-nodes-" + "k" * 60, "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url(), "CELERY_BROKER_URL": broker, "CACHE_URL": broker,
            "CELERY_QUEUE": self.queues[0], "CELERY_LONG_QUEUE": self.queues[1],
            "ACADEMY_BADGE_KEY_PATH": str(self.key_path), "WAGTAILADMIN_BASE_URL": SITE_URL,
            # Node A hands every upload to the worker, which reads it from the bucket.
            "ACADEMY_H5P_ASYNC_IMPORT_BYTES": "1",
        }

    def own_folders(self, name):
        folders = {"MEDIA_ROOT": self.tmp_path / name / "media",
                   "ACADEMY_PRIVATE_ROOT": self.tmp_path / name / "private"}
        for folder in folders.values():
            folder.mkdir(parents=True)
        self.folders[name] = folders
        return {key: str(value) for key, value in folders.items()}

    def start(self, name, command):
        log = self.tmp_path / f"{name}.log"
        self.logs[name] = log
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env={**self.env, **self.own_folders(name)},
            stdout=log.open("w"), stderr=subprocess.STDOUT)

    def start_node(self, name):
        port = free_port()
        self.start(name, [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}",
                          "--noreload"])
        url = f"http://127.0.0.1:{port}"

        def answers():
            try:
                return requests.get(f"{url}/badges/issuer/", timeout=5).status_code == 200
            except requests.RequestException:
                return self.processes[name].poll() is not None

        assert wait_for(answers, 90) and self.processes[name].poll() is None, self.log(name)
        return url

    def start_worker(self):
        self.start("worker", [sys.executable, "-m", "celery", "-A", "demo_site.celery", "worker",
                              "--pool=solo", "-Q", ",".join(self.queues), "--loglevel=INFO",
                              "--without-gossip", "--without-mingle"])

    def local_files(self):
        return [path for folders in self.folders.values() for folder in folders.values()
                for path in files_under(folder)]

    def log(self, name):
        return f"--- {name} ---\n" + self.logs[name].read_text()[-5000:]

    def all_logs(self):
        return "\n".join(self.log(name) for name in self.logs)

    def stop(self):
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def cluster(catalog, files_in_bucket, tmp_path):
    broker = os.environ.get("CELERY_BROKER_URL", "")
    require(broker.startswith("redis") and redis_answers(broker),
            "Redis (set CELERY_BROKER_URL=redis://…)")
    require(FIXTURE.exists(), f"the H5P fixture {FIXTURE}")
    group = Cluster(tmp_path, files_in_bucket)
    keys.create_key(group.key_path)  # the one configured key every process signs with
    try:
        group.nodes = {"A": group.start_node("node-a"), "B": group.start_node("node-b")}
        group.start_worker()
        yield group
    finally:
        group.stop()


def account(django_user_model, email, password, **names):
    """A user whose password the nodes can check: they hash as production does (PBKDF2),
    not with the test settings' fast hasher."""
    hasher = PBKDF2PasswordHasher()
    return django_user_model.objects.create(username=email, email=email,
                                            password=hasher.encode(password, hasher.salt()), **names)


def signed_in(base, login_path, username, password):
    session = requests.Session()
    form = session.get(f"{base}{login_path}", timeout=30)
    assert form.status_code == 200, form.text[:500]
    response = session.post(f"{base}{login_path}", timeout=30, allow_redirects=False, data={
        "username": username, "password": password,
        "csrfmiddlewaretoken": CSRF_FIELD.search(form.text).group(1)})
    assert response.status_code == 302, re.sub(r"<[^>]+>|\s+", " ", response.text)[-3000:]
    return session


def verifier_of(base):
    """A verifier holding the public key one node publishes, fetching from that node."""
    (jwk,) = requests.get(f"{base}/badges/issuer/jwks.json", timeout=30).json()["keys"]
    public_key = jwt.algorithms.OKPAlgorithm.from_jwk(json.dumps(jwk))
    pem = public_key.public_bytes(serialization.Encoding.PEM,
                                  serialization.PublicFormat.SubjectPublicKeyInfo)

    def download(url):
        response = requests.get(base + urlsplit(url).path, timeout=30)
        assert response.status_code == 200, url
        return response.content

    return jwk, OB3Verifier(pem), download


def test_a_package_uploaded_on_node_a_plays_on_node_b_and_its_certificate_comes_from_either(
        cluster, django_user_model):
    node_a, node_b, bucket = cluster.nodes["A"], cluster.nodes["B"], cluster.bucket

    # A trainer uploads the package through node A's admin form.
    trainer = account(django_user_model, "tom@example.org", "trainer-pw-2026")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    admin = signed_in(node_a, "/admin/login/", "tom@example.org", "trainer-pw-2026")
    form = admin.get(f"{node_a}/admin/h5p/upload/", timeout=30)
    assert form.status_code == 200
    sent = admin.post(f"{node_a}/admin/h5p/upload/", timeout=60, allow_redirects=False,
                      data={"csrfmiddlewaretoken": CSRF_FIELD.search(form.text).group(1)},
                      files={"file": ("true-false.h5p", FIXTURE.read_bytes(), "application/zip")})
    assert sent.status_code == 302, sent.text[:2000]

    def imported():
        upload = H5PUpload.objects.filter(original_name="true-false.h5p").first()
        return upload is not None and upload.state != H5PUpload.PENDING

    assert wait_for(imported, 120), cluster.all_logs()
    upload = H5PUpload.objects.get()
    assert upload.state == H5PUpload.IMPORTED, upload.message
    assert "courses.tasks.import_h5p_upload" in cluster.logs["worker"].read_text()
    package = H5PPackage.objects.get()
    assert f"h5p/content/{package.id}/h5p.json" in bucket.keys("h5p/")

    # The package in a lesson; the learner has done every other step of the course.
    course = course_in("en")
    module = ModulePage.objects.child_of(course).order_by("path").first()
    lesson, block_id = add_h5p_lesson(module, package, "complete", "true-or-false", "True or false?")
    learner = account(django_user_model, "nia@example.org", "learner-pw-2026", first_name="Nia",
                      last_name="Okafor")
    progress.enrol(learner, course)
    for step in lessons_of(course):
        if step.pk != lesson.pk:
            progress.complete_step(learner, step, course.translation_key)
    assert not Certificate.objects.filter(user=learner).exists()

    # The learner plays it on node B: the lesson, then the package's files from the URLs
    # node B gives (the bucket's).
    player = signed_in(node_b, "/en/accounts/login/", "nia@example.org", "learner-pw-2026")
    page = player.get(f"{node_b}{lesson.url}", timeout=30)
    assert page.status_code == 200
    files = f"{bucket.url}/{bucket.bucket}/h5p"
    assert f"{files}/content/{package.id}" in page.text and f"{files}/libraries" in page.text
    h5p_json = requests.get(f"{files}/content/{package.id}/h5p.json", timeout=30)
    assert h5p_json.status_code == 200 and h5p_json.json()["mainLibrary"] == "H5P.TrueFalse"
    script = requests.get(f"{files}/libraries/H5P.TrueFalse-1.6/scripts/h5p-true-false.js", timeout=30)
    assert script.status_code == 200 and script.headers["Content-Type"].startswith("text/javascript")
    # Node B holds none of it on its disk, and does not serve it from there.
    assert requests.get(f"{node_b}/media/h5p/content/{package.id}/h5p.json",
                        timeout=30).status_code == 404

    # Its answer goes to node B's xAPI endpoint and is recorded.
    statement = {
        "actor": {"objectType": "Agent", "mbox": "mailto:nia@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {"id": f"{node_b}{lesson.url}#h5p-{block_id}", "objectType": "Activity"},
        "result": {"score": {"raw": 1, "max": 1, "min": 0, "scaled": 1.0}, "success": True,
                   "completion": True}}
    posted = player.post(f"{node_b}/en/learn/h5p/{lesson.id}/{block_id}/xapi/", timeout=30,
                         data=json.dumps(statement), headers={
                             "Content-Type": "application/json",
                             "X-CSRFToken": player.cookies["csrftoken"], "Referer": node_b})
    assert posted.status_code == 201, posted.text[:2000]
    result = H5PResult.objects.get(user=learner)
    assert (result.raw, result.max, result.completed) == (1, 1, True)
    assert StepProgress.objects.get(user=learner, step_key=lesson.translation_key).completed_at

    # The course is complete: the worker issues the certificate.
    def issued():
        certificate = Certificate.objects.filter(user=learner).first()
        return certificate is not None and certificate.is_ready

    assert wait_for(issued, 120), cluster.all_logs()
    certificate = Certificate.objects.get(user=learner)
    assert bucket.keys("private/certificates/") == [f"private/{certificate.pdf.name}"]

    # Node B hands out the PDF the worker stored; the session works on node A too.
    pdf = player.get(f"{node_b}/en/learn/certificates/{certificate.pk}/certificate.pdf", timeout=30)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.content == read_bytes(certificate.pdf)
    assert certificate.code in player.get(f"{node_a}/en/dashboard/", timeout=30).text

    # The badge verifies against the issuer documents of either node: one key.
    badge = player.get(f"{node_b}/en/learn/certificates/{certificate.pk}/badge.jwt", timeout=30)
    assert badge.status_code == 200
    published = []
    for base in (node_a, node_b):
        jwk, verifier, download = verifier_of(base)
        published.append(jwk)
        credential = verifier.verify(badge.text, check_status=True, download=download)
        assert credential is not None
    assert published[0] == published[1]

    # Every file went through the shared storage: no process wrote to its own disk.
    assert cluster.local_files() == []
    for process in cluster.processes.values():
        assert process.poll() is None
    assert "Traceback" not in cluster.all_logs()
