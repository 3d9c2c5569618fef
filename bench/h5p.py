"""H5P figures: import time and peak Python memory for 1 MB and 50 MB packages (the
import streams, so memory should not follow the package size), and xAPI ingest rate."""

import json
import os
import tempfile
import time
import tracemalloc
import uuid
import zipfile
from pathlib import Path

LIBRARY = {"title": "Bench", "machineName": "SSE.Bench", "majorVersion": 1, "minorVersion": 0,
           "patchVersion": 0, "runnable": 1, "preloadedJs": [{"path": "bench.js"}]}
H5P = {"title": "Bench", "language": "en", "mainLibrary": "SSE.Bench", "embedTypes": ["div"],
       "license": "U", "preloadedDependencies": [{"machineName": "SSE.Bench", "majorVersion": 1,
                                                  "minorVersion": 0}]}


def build_package(path, megabytes):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("h5p.json", json.dumps(H5P))
        archive.writestr("content/content.json", "{}")
        archive.writestr("SSE.Bench-1.0/library.json", json.dumps(LIBRARY))
        archive.writestr("SSE.Bench-1.0/bench.js", "var bench = 1;")
        for n in range(megabytes):  # incompressible media, 1 MB per file
            archive.writestr(f"content/videos/part{n}.mp4", os.urandom(1024 * 1024))


def import_figures(sizes=(1, 50)):
    from django.test.utils import override_settings

    from courses.h5p.importer import import_package

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        with override_settings(ACADEMY_H5P_ROOT=Path(folder) / "h5p"):
            for size in sizes:
                path = Path(folder) / f"bench-{size}.h5p"
                build_package(path, size)
                tracemalloc.start()
                start = time.perf_counter()
                package = import_package(path)
                seconds = time.perf_counter() - start
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                assert package.title == "Bench"
                rows.append({"flow": "h5p import", "scale": f"{size} MB",
                             "seconds": round(seconds, 3), "peak_mb": round(peak / 2**20, 2)})
    return rows


def ingest_figures(count=300, batch=25):
    """xAPI statements per second, through the endpoint as a learner's browser sends them:
    one statement per request, then batches of `batch`; and through the service alone."""
    import json

    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse
    from django.utils import translation

    from courses.h5p.xapi import record
    from courses.models import H5PPackage, LessonPage, ModulePage, XAPIStatement
    from courses.progress import enrol

    from .builders import build_course, learner_with_progress

    course = build_course(1)
    user, _lessons = learner_with_progress(course, fraction=0)
    enrol(user, course)
    package = H5PPackage.objects.create(title="Bench", main_library="SSE.Bench")
    block = str(uuid.uuid4())
    lesson = ModulePage.objects.child_of(course).first().add_child(instance=LessonPage(
        title="H5P", slug="h5p", locale=course.locale, completion_rule="h5p",
        body=[{"type": "h5p", "id": block,
               "value": {"package": str(package.pk), "completion": "pass"}}]))
    lesson = LessonPage.objects.get(pk=lesson.pk)
    with translation.override("en"):
        url = reverse("sse_courses:h5p_xapi", args=[lesson.id, block])
    client = Client()
    client.force_login(user)
    verbs = ["attempted", "interacted", "answered"]

    def statement(n):
        return {"verb": {"id": f"http://adlnet.gov/expapi/verbs/{verbs[n % 3]}"},
                "object": {"id": f"http://academy.invalid/h5p/{block}"},
                "result": {"score": {"raw": 1, "max": 1}}}

    def rate(send, sent):
        before = XAPIStatement.objects.filter(user=user).count()
        start = time.perf_counter()
        send()
        seconds = time.perf_counter() - start
        assert XAPIStatement.objects.filter(user=user).count() - before == sent
        return round(sent / seconds, 1)

    def one_by_one():
        for n in range(count):
            response = client.post(url, json.dumps(statement(n)), content_type="application/json")
            assert response.status_code == 201, response.content

    def batches():
        for start in range(0, count * 4, batch):
            body = json.dumps([statement(n) for n in range(start, start + batch)])
            response = client.post(url, body, content_type="application/json")
            assert response.status_code == 201, response.content

    def service():
        for n in range(count):
            record(user, lesson, course.translation_key, block, package, statement(n))

    rows = []
    with override_settings(ACADEMY_RATE_XAPI=(10**9, 60)):  # measure ingest, not the limiter
        for flow, send, sent in (("xapi ingest, view", one_by_one, count),
                                 (f"xapi ingest, view ×{batch}", batches, count * 4),
                                 ("xapi ingest, service", service, count)):
            rows.append({"flow": flow, "scale": f"{sent} statements", "per_second": rate(send, sent)})
    return rows
