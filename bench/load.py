"""Load run (`python -m bench.load`, `make load`): simulated learners against the
production stack — the production profile on gunicorn, PostgreSQL, Redis (cache and
broker) and a Celery worker on both queues — for a while, then a check of every write.

Each learner logs in, enrols, and until time is up opens lessons, saves worksheet
answers, completes steps, takes the quiz, posts in the course's community space and
looks at the dashboard. The run prints requests per second, latency percentiles per
action, the number of 5xx answers, and whether every write the server acknowledged
(a 302) is in the database exactly once. It builds a throwaway database next to
DATABASE_URL's (dropped at the end) and uses REDIS_URL (default redis://127.0.0.1:6379/7).
Exit status 1 when a request failed or a write is missing or doubled.
"""

import argparse
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-test-password-1"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission" value="([0-9a-f-]{36})"')
# How often each action is picked, once logged in and enrolled.
ACTIONS = {"open lesson": 35, "save worksheet": 20, "complete step": 15, "take quiz": 8,
           "post in community": 10, "dashboard": 12}


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Stack:
    """The database, the environment and the processes of one run."""

    def __init__(self, args, folder):
        import psycopg

        server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
        self.db_name = f"academy_load_{uuid.uuid4().hex[:8]}"
        self.admin_url = server._replace(path="/postgres").geturl()
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.db_name}"')
        self.port, self.processes, self.folder = free_port(), [], folder
        (folder / "mail").mkdir()
        redis = args.redis_url
        self.env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "demo_site.settings.production",
            "DATABASE_URL": server._replace(path=f"/{self.db_name}").geturl(),
            "CACHE_URL": redis, "CELERY_BROKER_URL": redis,
            "SECRET_KEY": secrets.token_urlsafe(60), "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false", "EMAIL_HOST": "localhost",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(folder / "mail"), "MEDIA_ROOT": str(folder / "media"),
            "STATIC_ROOT": str(folder / "static"),
            "ACADEMY_PRIVATE_ROOT": str(folder / "private"),
            "ACADEMY_BADGE_KEY_PATH": str(folder / "badge.pem"), "LOG_LEVEL": "ERROR",
        }

    def manage(self, *command, **env):
        done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, text=True,
                              env={**self.env, **env}, capture_output=True)
        if done.returncode:
            raise SystemExit(f"manage.py {' '.join(command)} failed:\n{done.stdout}{done.stderr}")

    def start(self, name, command):
        log = (self.folder / f"{name}.log").open("w")
        self.processes.append(subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log,
                                               stderr=subprocess.STDOUT))

    def up(self, args):
        # The production profile refuses to start without the key: made with the base one.
        self.manage("create_badge_key", self.env["ACADEMY_BADGE_KEY_PATH"],
                    DJANGO_SETTINGS_MODULE="demo_site.settings.base")
        for command in (("migrate", "--noinput"), ("create_demo_site",), ("load_catalog",),
                        ("collectstatic", "--noinput")):
            self.manage(*command)
        self.start("gunicorn", [sys.executable, "-m", "gunicorn", "demo_site.wsgi:application",
                                "--bind", f"127.0.0.1:{self.port}", "--workers", str(args.web_workers),
                                "--threads", str(args.threads), "--timeout", "120"])
        self.start("worker", [sys.executable, "-m", "celery", "-A", "demo_site.celery", "worker",
                              "-Q", "celery,academy-long", "--concurrency", "2", "--loglevel=WARNING"])
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                connection = HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/badges/issuer/")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.5)
        raise SystemExit("gunicorn did not answer: see " + str(self.folder / "gunicorn.log"))

    def down(self):
        import psycopg

        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')


class World:
    """What the learners work on, read once from the database (this process runs Django
    on the same settings as the server)."""

    def __init__(self, learners):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import make_password

        from academy.catalog.identifiers import translation_key
        from community import spaces
        from community.models import Space
        from courses.blocks import activity_input_names
        from courses.models import CoursePage, LessonPage
        from quizzes.models import QuizPage

        self.course = CoursePage.objects.get(locale__language_code="en",
                                             translation_key=translation_key("sse-introduction"))
        lessons = list(LessonPage.objects.descendant_of(self.course).live().order_by("path"))
        self.lessons = [(lesson.id, lesson.url) for lesson in lessons]
        self.manual = [lesson.id for lesson in lessons if lesson.completes_manually()]
        self.worksheets = [(lesson.id, block.id, activity_input_names(block.value)[0])
                           for lesson in lessons for block in lesson.body
                           if block.block_type == "activity" and activity_input_names(block.value)]
        self.quizzes = list(QuizPage.objects.descendant_of(self.course).live().values_list("id", flat=True))
        spaces.sync_course(self.course)
        space = Space.objects.get(kind=Space.COURSE, course_key=self.course.translation_key)
        self.space, self.topic = space.pk, space.topics.get(module_key=None).pk
        hashed = make_password(PASSWORD)  # one hash for all: creating users stays quick
        user_model = get_user_model()
        user_model.objects.bulk_create([
            user_model(username=f"learner{n}@example.org", email=f"learner{n}@example.org",
                       first_name=f"Learner {n}", password=hashed) for n in range(learners)])
        self.usernames = [f"learner{n}@example.org" for n in range(learners)]


class Learner(threading.Thread):
    def __init__(self, number, world, port, until, results):
        super().__init__(daemon=True)
        self.number, self.world, self.port, self.until = number, world, port, until
        self.results, self.cookies, self.random = results, {}, random.Random(number)
        self.connection = HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, action, method, path, data=None):
        body = urlencode(data or {}, doseq=True) if method == "POST" else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        try:
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except OSError:
            self.connection = HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.results.record(action, time.monotonic() - started, 599)
            return 599, "", ""
        self.results.record(action, time.monotonic() - started, response.status)
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text, response.getheader("Location", "")

    def post(self, action, path, data=None):
        return self.request(action, "POST", path,
                            {**(data or {}), "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})

    def run(self):
        username = self.world.usernames[self.number]
        status, page, _ = self.request("login", "GET", "/en/accounts/login/")
        token = CSRF.search(page)
        self.request("login", "POST", "/en/accounts/login/", {
            "username": username, "password": PASSWORD,
            "csrfmiddlewaretoken": token.group(1) if token else ""})
        self.post("enrol", f"/en/learn/courses/{self.world.course.id}/enrol/")
        names, weights = list(ACTIONS), list(ACTIONS.values())
        while time.monotonic() < self.until:
            getattr(self, self.random.choices(names, weights)[0].replace(" ", "_"))()

    def open_lesson(self):
        self.request("open lesson", "GET", self.random.choice(self.world.lessons)[1])

    def dashboard(self):
        self.request("dashboard", "GET", "/en/dashboard/")

    def save_worksheet(self):
        if not self.world.worksheets:
            return
        lesson, block, field = self.random.choice(self.world.worksheets)
        value = f"answer {self.number}-{uuid.uuid4().hex[:8]}"
        status, _, _ = self.post("save worksheet", f"/en/learn/steps/{lesson}/activities/{block}/",
                                 {field: value})
        if status == 302:
            self.results.acknowledge("worksheet", (self.number, lesson, block, field), value)

    def complete_step(self):
        if self.world.manual:
            lesson = self.random.choice(self.world.manual)
            if self.post("complete step", f"/en/learn/steps/{lesson}/complete/")[0] == 302:
                self.results.acknowledge("completion", (self.number, lesson), True)

    def take_quiz(self):
        from quizzes.models import Attempt

        from .flows import answers_for

        if not self.world.quizzes:
            return
        status, _, location = self.post("take quiz",
                                        f"/en/learn/quizzes/{self.random.choice(self.world.quizzes)}/start/")
        found = re.search(r"/attempts/([0-9a-f-]{36})/", location or "")
        if status != 302 or not found:
            return
        attempt = Attempt.objects.filter(pk=found.group(1), state=Attempt.IN_PROGRESS).first()
        if attempt is not None:
            done = self.post("take quiz", f"/en/learn/attempts/{attempt.pk}/submit/",
                             answers_for(attempt))[0]
            if done == 302:
                self.results.acknowledge("quiz", attempt.pk, True)

    def post_in_community(self):
        space = f"/en/community/spaces/{self.world.space}/"
        status, page, _ = self.request("post in community", "GET", space)
        key = SUBMISSION.search(page)
        title = f"Idea {self.number}-{uuid.uuid4().hex[:10]}"
        status, _, _ = self.post("post in community", f"/en/community/spaces/{self.world.space}/topics/"
                                 f"{self.world.topic}/new/",
                                 {"kind": "discussion", "title": title, "body": "A thought.",
                                  "language": "en", "submission": key.group(1) if key else ""})
        if status == 302:
            self.results.acknowledge("post", title, True)


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.times, self.statuses, self.acknowledged = defaultdict(list), defaultdict(list), {}

    def record(self, action, seconds, status):
        with self.lock:
            self.times[action].append(seconds)
            self.statuses[action].append(status)

    def acknowledge(self, kind, key, value):
        with self.lock:
            self.acknowledged[(kind, key)] = value


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def check_writes(results, world):
    """Every acknowledged write, in the database exactly once. Returns the problems."""
    from community.models import Thread
    from courses.models import StepProgress
    from quizzes.models import Attempt

    users = {n: name for n, name in enumerate(world.usernames)}
    problems = []
    for (kind, key), value in results.acknowledged.items():
        if kind == "post" and Thread.objects.filter(title=key).count() != 1:
            problems.append(f"thread {key!r}: {Thread.objects.filter(title=key).count()} rows")
        elif kind == "completion" and not StepProgress.objects.filter(
                user__username=users[key[0]], step_key__in=_keys(key[1]),
                completed_at__isnull=False).exists():
            problems.append(f"completion {key} missing")
        elif kind == "quiz" and Attempt.objects.filter(pk=key).exclude(
                state=Attempt.IN_PROGRESS).count() != 1:
            problems.append(f"quiz attempt {key} not submitted")
        elif kind == "worksheet":
            number, lesson, block, field = key
            row = StepProgress.objects.filter(user__username=users[number],
                                              step_key__in=_keys(lesson)).first()
            if row is None or (row.answers.get(block) or {}).get(field) != value:
                problems.append(f"worksheet {key}: the last answer acknowledged is not the one kept")
    return problems


def follow_up_left(seconds=60):
    """Follow-up work (certificates, notifications…) the worker has not taken yet."""
    from courses.models import OutboxTask
    from courses.outbox import sweep

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        sweep()
        waiting = OutboxTask.objects.filter(sent_at__isnull=True).count()
        if not waiting:
            return []
        time.sleep(2)
    return [f"{waiting} follow-up tasks never reached the broker"]


def _keys(page_id):
    from wagtail.models import Page

    return Page.objects.filter(pk=page_id).values_list("translation_key", flat=True)


def report(results, seconds):
    total = sum(len(times) for times in results.times.values())
    errors = sum(1 for statuses in results.statuses.values() for status in statuses if status >= 500)
    print(f"\n{total} requests in {seconds:.0f} s: {total / seconds:.1f} requests/s, {errors} answered 5xx")
    print(f"{'action':<16}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'5xx':>6}")
    for action in sorted(results.times):
        times = results.times[action]
        fives = sum(1 for status in results.statuses[action] if status >= 500)
        print(f"{action:<16}{len(times):>9}{statistics.median(times) * 1000:>9.0f}"
              f"{percentile(times, 0.95) * 1000:>9.0f}{percentile(times, 0.99) * 1000:>9.0f}{fives:>6}")
    return errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--web-workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="academy-load-") as folder:
        stack = Stack(args, Path(folder))
        try:
            print(f"Building the site in {stack.db_name}…", flush=True)
            stack.up(args)
            os.environ.update(stack.env)
            import django

            django.setup()
            world = World(args.learners)
            results, started = Results(), time.monotonic()
            until = started + args.seconds
            learners = [Learner(n, world, stack.port, until, results) for n in range(args.learners)]
            for learner in learners:
                learner.start()
            for learner in learners:
                learner.join()
            errors = report(results, time.monotonic() - started)
            problems = check_writes(results, world) + follow_up_left()
            print(f"\n{len(results.acknowledged)} acknowledged writes checked: "
                  f"{'all there, once' if not problems else f'{len(problems)} problems'}")
            for problem in problems[:20]:
                print("  ", problem)
        finally:
            stack.down()
    return 1 if errors or problems else 0


if __name__ == "__main__":
    sys.exit(main())
