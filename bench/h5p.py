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
           "patchVersion": 0, "preloadedJs": [{"path": "bench.js"}]}
H5P = {"title": "Bench", "language": "en", "mainLibrary": "SSE.Bench", "embedTypes": ["div"],
       "preloadedDependencies": [{"machineName": "SSE.Bench", "majorVersion": 1,
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


def ingest_figures(count=300):
    from courses.h5p.xapi import record
    from courses.models import H5PPackage, LessonPage, XAPIStatement
    from courses.progress import enrol

    from .builders import build_course, learner_with_progress

    course = build_course(1)
    user, lessons = learner_with_progress(course, fraction=0)
    enrol(user, course)
    lesson = LessonPage.objects.get(pk=lessons[0].pk)
    package = H5PPackage.objects.create(title="Bench", main_library="SSE.Bench")
    block = str(uuid.uuid4())
    verbs = ["attempted", "interacted", "answered"]
    start = time.perf_counter()
    for n in range(count):
        record(user, lesson, course.translation_key, block, package, {
            "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verbs[n % 3]}"},
            "object": {"id": f"http://academy.invalid/h5p/{block}"},
            "result": {"score": {"raw": 1, "max": 1}}})
    seconds = time.perf_counter() - start
    assert XAPIStatement.objects.filter(user=user).count() == count
    return [{"flow": "xapi ingest", "scale": f"{count} statements",
             "per_second": round(count / seconds, 1)}]
