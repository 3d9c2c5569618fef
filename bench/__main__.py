"""make bench — queries and median server time per flow, at fixed course sizes.

Runs in a throwaway test database on whatever DATABASE_URL points at (SQLite by
default), so the site's own data is never touched.

    python -m bench [--sizes 10,200] [--repeat 20] [--json results.json]
    python -m bench --served [--sizes 10,200] [--rounds 3] [--duration 5]   (bench/served.py)
"""

import argparse
import io
import json
import os
import platform
import secrets
import statistics
import sys
import time


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10,200", help="lessons per course (comma-separated)")
    parser.add_argument("--questions", default="10,100", help="questions per quiz (comma-separated)")
    parser.add_argument("--notifications", default="10,1000",
                        help="notifications of the reader (comma-separated)")
    parser.add_argument("--certificates", default="10,1000",
                        help="certificates issued in all (comma-separated)")
    parser.add_argument("--learners", default="100,1000",
                        help="learners per cohort, on a 100-lesson course (comma-separated)")
    parser.add_argument("--posts", default="50,500", help="posts in a community thread (comma-separated)")
    parser.add_argument("--threads", default="100,1000",
                        help="threads in a community space (comma-separated)")
    parser.add_argument("--reports", default="10,500",
                        help="reported posts in the moderation queue (comma-separated)")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per flow")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--h5p-sizes", default="1,50",
                        type=lambda text: [int(s) for s in text.split(",") if s],
                        help="H5P package sizes in MB (empty: no import figures)")
    parser.add_argument("--groups", default="",
                        help="only these groups, by what grows (lessons,questions,learners,"
                             "notifications,certificates,posts,threads,reported); default: all")
    served = parser.add_argument_group("served mode (bench/served.py; needs PostgreSQL)")
    served.add_argument("--served", action="store_true",
                        help="requests/s under gunicorn instead of the in-process table")
    served.add_argument("--rounds", type=int, default=3, help="alternating rounds per page")
    served.add_argument("--duration", type=int, default=5, help="seconds of load per page and round")
    served.add_argument("--connections", type=int, default=8, help="concurrent connections")
    served.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    served.add_argument("--cache-url", default=os.environ.get("CACHE_URL", ""),
                        help="the served site's CACHE_URL (sessions); default: $CACHE_URL")
    served.add_argument("--python-client", action="store_true",
                        help="load with the small Python client even when wrk is installed")
    return parser.parse_args(argv)


def send(client, method, url, data):
    headers = {"HTTP_ACCEPT": "application/json"} if method == "post" else {}
    return getattr(client, method)(url, data or {}, **headers)


def check(url, response, expected):
    body = response.content.decode().replace("&#x27;", "'")
    if response.status_code not in (200, 302) or expected not in body:
        raise SystemExit(f"bench: {url} did not do what it should "
                         f"(status {response.status_code}, expected {expected!r})")


def measure(client, prepare, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm per-process caches, as on a running server
        method, url, data, expected = prepare()
        check(url, send(client, method, url, data), expected)
    times, queries = [], set()
    for _ in range(repeat):
        method, url, data, expected = prepare()  # untimed set-up
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = send(client, method, url, data)
            times.append((time.perf_counter() - start) * 1000)
        queries.add(len(captured))
        check(url, response, expected)
    return max(queries), statistics.median(times)


def run(args):
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    from . import h5p
    from .flows import GROUPS

    setup_test_environment(debug=False)  # as served: no query log, no debug pages
    override_settings(ROOT_URLCONF="bench.bare_urls").enable()  # the site + the bare view
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("create_demo_site", verbosity=0, stdout=io.StringIO())
        call_command("load_catalog", verbosity=0, stdout=io.StringIO())
        rows = []
        scale_points = {"lessons": args.sizes, "questions": args.questions,
                        "notifications": args.notifications, "certificates": args.certificates,
                        "learners": args.learners, "posts": args.posts, "threads": args.threads,
                        "reported": args.reports}
        chosen = set(filter(None, args.groups.split(",")))
        for unit, build, flows in GROUPS:
            if chosen and unit not in chosen:
                continue
            for size in [int(s) for s in scale_points[unit].split(",")]:
                scenario = build(size)
                client = Client()
                client.force_login(scenario["user"])
                for name, flow in flows:
                    queries, median_ms = measure(client, flow(scenario), args.repeat)
                    rows.append({"flow": name, "scale": f"{size} {unit}", "queries": queries,
                                 "median_ms": round(median_ms, 2)})
        return rows, h5p.import_figures(args.h5p_sizes) + h5p.ingest_figures()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def print_table(rows, engine):
    print(f"\nSSE Academy benchmark — database: {engine}, Python {platform.python_version()}")
    print(f"{'flow':<20}{'scale':>14}{'queries':>9}{'median ms':>11}")
    print("-" * 54)
    for row in rows:
        print(f"{row['flow']:<20}{row['scale']:>14}{row['queries']:>9}{row['median_ms']:>11.2f}")


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_site.settings.test")
    if args.served:  # sessions made here must verify in the served site: one SECRET_KEY
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    from django.db import connection

    if args.served:
        from .served import print_served, run_served

        figures = run_served(args)
        print_served(figures)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as handle:
                json.dump({"served": figures}, handle, indent=2)
            print(f"\nwritten to {args.json}")
        return

    rows, h5p_rows = run(args)
    print_table(rows, connection.vendor)
    print(f"\n{'H5P':<20}{'scale':>16}{'seconds':>10}{'peak MB':>10}{'per second':>12}")
    print("-" * 68)
    for row in h5p_rows:
        print(f"{row['flow']:<20}{row['scale']:>16}{row.get('seconds', ''):>10}"
              f"{row.get('peak_mb', ''):>10}{row.get('per_second', ''):>12}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"database": connection.vendor, "repeat": args.repeat, "results": rows,
                       "h5p": h5p_rows}, handle, indent=2)
        print(f"\nwritten to {args.json}")


if __name__ == "__main__":
    main()
