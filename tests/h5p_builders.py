"""H5P packages built in the tests, including a small library of the project's own."""

import json
import stat
import zipfile

LIBRARY_JSON = {
    "title": "SSE Hello", "machineName": "SSE.Hello", "majorVersion": 1, "minorVersion": 0,
    "patchVersion": 2, "runnable": 1, "coreApi": {"majorVersion": 1, "minorVersion": 24},
    "preloadedJs": [{"path": "hello.js"}], "preloadedCss": [{"path": "hello.css"}],
}
HELLO_JS = (b"var H5P = H5P || {};\nH5P.SSEHello = function (params) {\n"
            b"  this.attach = function ($container) { $container.html('<p>' + params.text + '</p>'); };\n"
            b"};\n")
SEMANTICS = [{"name": "text", "type": "text", "label": "Text"}]
H5P_JSON = {"title": "Hello SSE", "language": "en", "mainLibrary": "SSE.Hello",
            "embedTypes": ["div"], "license": "U",
            "preloadedDependencies": [{"machineName": "SSE.Hello", "majorVersion": 1,
                                       "minorVersion": 0}]}


def entries(patch=2, library=None, h5p=None):
    library = {**LIBRARY_JSON, "patchVersion": patch, **(library or {})}
    return {
        "h5p.json": json.dumps(h5p or H5P_JSON),
        "content/content.json": json.dumps({"text": "Solidarity works"}),
        "content/images/photo.png": b"\x89PNG\r\n\x1a\n" + b"0" * 64,
        "SSE.Hello-1.0/library.json": json.dumps(library),
        "SSE.Hello-1.0/hello.js": HELLO_JS,
        "SSE.Hello-1.0/hello.css": b".h5p-sse-hello { color: #0b5d4b; }",
        "SSE.Hello-1.0/semantics.json": json.dumps(SEMANTICS),
    }


def build(path, files=None, symlinks=(), compress=zipfile.ZIP_DEFLATED):
    """Write a zip; `files` maps names to bytes/str; `symlinks` adds link entries."""
    files = entries() if files is None else files
    with zipfile.ZipFile(path, "w", compress) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        for name, target in symlinks:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return path


def add_h5p_lesson(module, package, completion="pass", slug="try-it", title="Try it"):
    """A lesson under `module` made of one H5P block; returns (lesson, block id)."""
    import uuid

    from courses.models import LessonPage

    block_id = str(uuid.uuid4())
    lesson = module.add_child(instance=LessonPage(
        title=title, slug=slug, locale=module.locale, completion_rule="h5p",
        body=[{"type": "h5p", "id": block_id,
               "value": {"package": str(package.pk), "completion": completion}}]))
    return lesson, block_id


def with_library(files, folder, library, extra=None):
    """`files` plus a library folder: its library.json (`library`, a dict) and `extra`
    files keyed by their path inside the folder. The package's main library depends on it."""
    files = dict(files)
    files[f"{folder}/library.json"] = json.dumps(library)
    for name, data in (extra or {}).items():
        files[f"{folder}/{name}"] = data
    main = json.loads(files["SSE.Hello-1.0/library.json"])
    main.setdefault("preloadedDependencies", []).append({
        "machineName": library["machineName"], "majorVersion": library["majorVersion"],
        "minorVersion": library["minorVersion"]})
    files["SSE.Hello-1.0/library.json"] = json.dumps(main)
    return files


def jquery_ui_like():
    """A library shaped like H5P's jQuery.ui 1.10, which ships the patches it applied."""
    return {"title": "jQuery UI", "machineName": "jQuery.ui", "majorVersion": 1,
            "minorVersion": 10, "patchVersion": 22, "runnable": 0, "license": "MIT",
            "preloadedJs": [{"path": "h5p-jquery-ui.js"}],
            "preloadedCss": [{"path": "h5p-jquery-ui.css"}]}
