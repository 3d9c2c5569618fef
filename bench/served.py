"""The served benchmark (`python -m bench --served`): requests per second of a learner's
pages on the production stack, each compared with a bare view on that same stack.

The production profile (demo_site.settings.production, plus the bare view's URL)
runs under gunicorn with sync workers against a throwaway PostgreSQL database,
sessions in the cache (CACHE_URL, e.g. Redis) or the database. For a learner
halfway through a course of each size it loads the lesson, course and dashboard
pages, and /bench/bare/ (session + user, a few bytes), with a bounded load tool:
wrk when it is installed, else a small Python client. Rounds alternate between
the pages; the table gives the median requests/s of the rounds, each page's share
of the bare view's, and the page's HTML size before and after compression.
"""

import gzip
import io
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("lesson page", "course page", "dashboard")


def load_average():
    try:
        return Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        return ["?"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def served_env(database_url, folder, args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.served_settings",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on the loopback
        "STATIC_ROOT": str(Path(folder) / "static"),
        "ACADEMY_BADGE_KEY_PATH": str(Path(folder) / "badge.pem"),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CELERY_BROKER_URL", None)  # pages queue no task; nothing to leave in a broker
    env.pop("CACHE_URL", None)
    if args.cache_url:
        env["CACHE_URL"] = args.cache_url
    return env


def database_url_for(name):
    """DATABASE_URL with the throwaway database's name in place of the site's."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return parts._replace(path="/" + name).geturl()


def fetch(url, cookie):
    """(status, HTML before compression, its gzip size) of one request."""
    request = urllib.request.Request(url, headers={"Cookie": cookie, "Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        zipped = response.headers.get("Content-Encoding") == "gzip"
        return response.status, gzip.decompress(body) if zipped else body, len(body) if zipped else None


def wait_until_up(url, cookie, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("bench: gunicorn stopped; see its messages above")
        try:
            fetch(url, cookie)
            return
        except urllib.error.HTTPError as error:
            raise SystemExit(f"bench: {url} answered {error.code}") from None
        except OSError:
            time.sleep(0.3)
    raise SystemExit("bench: gunicorn did not answer within a minute")


def wrk(url, cookie, seconds, connections):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s",
               "-H", f"Cookie: {cookie}", "-H", "Accept-Encoding: gzip", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if failed or (errors and any(int(n) for n in errors.groups())):
        raise SystemExit(f"bench: {url} failed under load:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def python_client(url, cookie, seconds, connections):
    """A bounded load: `connections` keep-alive connections for `seconds`."""
    parts = urlsplit(url)
    counts, failures = [], []
    deadline = time.monotonic() + seconds

    def worker():
        connection, done = HTTPConnection(parts.hostname, parts.port, timeout=30), 0
        while time.monotonic() < deadline:
            connection.request("GET", parts.path, headers={"Cookie": cookie,
                                                           "Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failures.append(response.status)
            done += 1
        counts.append(done)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"bench: {url} answered {failures[0]} under load")
    return sum(counts) / seconds


def build_targets(sizes):
    """The bare view and, per course size, a halfway learner's three pages."""
    from django.test import Client

    from .flows import lesson_scenario

    targets = []
    for size in sizes:
        scenario = lesson_scenario(size)
        client = Client()
        client.force_login(scenario["user"])
        cookie = f"sessionid={client.cookies['sessionid'].value}"
        lesson = scenario["lessons"][len(scenario["lessons"]) // 2 + 1]
        if not targets:
            targets.append(("bare view", "", "/bench/bare/", cookie, "bare "))
        targets += [
            ("lesson page", f"{size} lessons", lesson.url, cookie, lesson.title),
            ("course page", f"{size} lessons", scenario["course"].url, cookie,
             f"{scenario['percent']}%"),
            ("dashboard", f"{size} lessons", "/en/dashboard/", cookie, scenario["course"].title),
        ]
    return targets


def serve(env, workers, port):
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                   cwd=ROOT, env=env, check=True)
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "demo_site.wsgi:application", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env)


def measure(targets, base, args):
    load = wrk if shutil.which("wrk") and not args.python_client else python_client
    for _name, _scale, path, cookie, _expected in targets:  # warm every worker's caches
        for _ in range(4 * args.workers):
            fetch(base + path, cookie)
    rates = {index: [] for index in range(len(targets))}
    for _round in range(args.rounds):
        for index, (_name, _scale, path, cookie, _expected) in enumerate(targets):
            rates[index].append(load(base + path, cookie, args.duration, args.connections))
    return load.__name__, rates


def run_served(args):
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor != "postgresql":
        raise SystemExit("bench --served needs PostgreSQL: set DATABASE_URL=postgres://…")
    setup_test_environment(debug=False)
    from django.core.management import call_command

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    process = None
    try:
        call_command("create_demo_site", verbosity=0, stdout=io.StringIO())
        call_command("load_catalog", verbosity=0, stdout=io.StringIO())
        targets = build_targets([int(s) for s in args.sizes.split(",")])
        connection.close()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryDirectory(prefix="bench-served-") as folder:
            from credentials.keys import create_key

            create_key(Path(folder) / "badge.pem")  # production wants one; no badge is made
            env = served_env(database_url_for(connection.settings_dict["NAME"]), folder, args)
            process = serve(env, args.workers, port)
            wait_until_up(base + targets[0][2], targets[0][3], process)
            sizes = {}
            for _name, _scale, path, cookie, expected in targets:
                status, html, zipped = fetch(base + path, cookie)
                if status != 200 or expected not in html.decode().replace("&#x27;", "'"):
                    raise SystemExit(f"bench: {path} did not do what it should "
                                     f"(status {status}, expected {expected!r})")
                sizes[path] = (len(html), zipped)
            before = load_average()
            tool, rates = measure(targets, base, args)
            after = load_average()
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        connection.creation.destroy_test_db(old_name, verbosity=0)
    bare = statistics.median(rates[0])
    rows = []
    for index, (name, scale, path, _cookie, _expected) in enumerate(targets):
        median = statistics.median(rates[index])
        html, zipped = sizes[path]
        rows.append({"flow": name, "scale": scale, "requests_per_second": round(median, 1),
                     "low": round(min(rates[index]), 1), "high": round(max(rates[index]), 1),
                     "share_of_bare": round(median / bare, 2), "html_kb": round(html / 1024, 1),
                     "gzip_kb": round(zipped / 1024, 1) if zipped else None})
    return {"tool": tool, "workers": args.workers, "connections": args.connections,
            "rounds": args.rounds, "seconds": args.duration,
            "sessions": "cache: " + args.cache_url if args.cache_url else "database",
            "load_before": before, "load_after": after, "results": rows}


def print_served(figures):
    print(f"\nSSE Academy served benchmark — production profile under gunicorn "
          f"({figures['workers']} sync workers), PostgreSQL, sessions in {figures['sessions']};")
    print(f"{figures['tool']} with {figures['connections']} connections, "
          f"{figures['rounds']} alternating rounds of {figures['seconds']} s")
    print(f"{'page':<14}{'scale':>12}{'req/s':>9}{'range':>16}{'× bare':>8}{'HTML KB':>9}{'gzip KB':>9}")
    print("-" * 77)
    for row in figures["results"]:
        spread = f"{row['low']:.0f}–{row['high']:.0f}"
        print(f"{row['flow']:<14}{row['scale']:>12}{row['requests_per_second']:>9.0f}{spread:>16}"
              f"{row['share_of_bare']:>8.2f}{row['html_kb']:>9.1f}{row['gzip_kb'] or '':>9}")
    print(f"load average (1, 5, 15 min): before {' '.join(figures['load_before'])}, "
          f"after {' '.join(figures['load_after'])}")
