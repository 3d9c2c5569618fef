"""H5P import follows H5P core's validator: what it accepts is installed, what it refuses is
refused, with every protection of tests/test_h5p_import.py still in place. Each rule
is tried with a package built here; the real packages in ../shared/fixtures/h5p/ must
all be accepted."""

import json
import time
from pathlib import Path

import pytest

from courses.h5p import conf
from courses.h5p.importer import import_package
from courses.h5p.validation import PackageRejected
from courses.models import H5PLibrary, H5PPackage

from .conftest import require
from .h5p_builders import H5P_JSON, LIBRARY_JSON, build, entries, jquery_ui_like, with_library

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "h5p"


@pytest.fixture(autouse=True)
def h5p_root(settings, tmp_path):
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    return settings.ACADEMY_H5P_ROOT


def on_disk(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) \
        if root.exists() else []


def refused(tmp_path, files, reason):
    with pytest.raises(PackageRejected) as rejected:
        import_package(build(tmp_path / "refused.h5p", files))
    assert any(reason in problem for problem in rejected.value.problems), rejected.value.problems
    assert not H5PPackage.objects.exists() and not H5PLibrary.objects.exists()
    return rejected.value.problems


def with_hello(files):
    """The test package with `files` added."""
    return {**entries(), **files}


# ---- what H5P core accepts ------------------------------------------------------

def test_a_library_shipping_diff_and_patch_files_is_installed(tmp_path, h5p_root):
    # DragText, Column and InteractiveVideo use jQuery.ui 1.10, which ships its patches.
    files = with_library(entries(), "jQuery.ui-1.10", jquery_ui_like(), {
        "h5p-jquery-ui.js": b"// jQuery UI", "h5p-jquery-ui.css": b".ui-helper {}",
        "jquery-ui-1.10.diff": b"--- a\n+++ b\n", "fix-focus.patch": b"--- a\n+++ b\n"})
    import_package(build(tmp_path / "drag-text.h5p", files))
    assert "libraries/jQuery.ui-1.10/jquery-ui-1.10.diff" in on_disk(h5p_root)
    assert "libraries/jQuery.ui-1.10/fix-focus.patch" in on_disk(h5p_root)


def test_a_library_needing_core_api_1_27_is_installed(tmp_path):
    core_api = {"majorVersion": 1, "minorVersion": 27}
    import_package(build(tmp_path / "new.h5p", entries(library={"coreApi": core_api})))
    assert H5PLibrary.objects.get().definition["coreApi"] == core_api


def test_a_library_needing_a_newer_core_api_than_the_player_is_refused(tmp_path):
    problems = refused(tmp_path, entries(library={"coreApi": {"majorVersion": 1,
                                                              "minorVersion": 28}}),
                       "needs H5P core API 1.28")
    assert "the player supports up to 1.27" in problems[0]


def test_the_player_runs_the_core_api_the_validator_accepts():
    # The bundled player carries H5P core's scripts of API 1.27: its reworked tooltip.
    bundle = Path(__file__).resolve().parents[1] / "node_modules" / "h5p-standalone" / "dist"
    require((bundle / "frame.bundle.js").exists(), "the h5p-standalone player (npm install)")
    frame = (bundle / "frame.bundle.js").read_text(encoding="utf-8")
    assert "H5P.Tooltip=" in frame and "h5p-tooltip-narrow" in frame
    assert conf.PLAYER_CORE_API == (1, 27)


def test_macos_folders_and_hidden_files_are_skipped(tmp_path, h5p_root):
    files = with_hello({
        "__MACOSX/SSE.Hello-1.0/._hello.js": b"\x00\x05\x16\x07resource fork",
        "__MACOSX/._h5p.json": b"\x00\x05\x16\x07",
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
        "content/.DS_Store": b"Bud1",
        "SSE.Hello-1.0/.eslintrc.js": b"module.exports = {}",
        "SSE.Hello-1.0/_notes.html": b"<p>editor's notes</p>",
    })
    package = import_package(build(tmp_path / "zipped-on-a-mac.h5p", files))
    stored = on_disk(h5p_root)
    assert not [name for name in stored if "MACOSX" in name or "/." in name or "/_" in name]
    assert f"content/{package.id}/content/content.json" in stored


def test_files_beside_h5p_json_are_ignored_whatever_their_type(tmp_path, h5p_root):
    files = with_hello({"README.html": b"<p>hi</p>", "build.sh": b"rm -rf /"})
    import_package(build(tmp_path / "notes.h5p", files))
    assert not [name for name in on_disk(h5p_root) if name.endswith(("README.html", "build.sh"))]


def test_a_library_folder_named_by_machine_name_only_is_stored_where_the_player_looks(
        tmp_path, h5p_root):
    files = {name.replace("SSE.Hello-1.0/", "SSE.Hello/"): data
             for name, data in entries().items()}
    import_package(build(tmp_path / "short-folder.h5p", files))
    assert "libraries/SSE.Hello-1.0/hello.js" in on_disk(h5p_root)
    assert H5PLibrary.objects.get().folder == "SSE.Hello-1.0"


def test_valid_language_files_and_semantics_are_accepted(tmp_path, h5p_root):
    files = with_hello({"SSE.Hello-1.0/language/fr.json": '{"semantics": []}',
                          "SSE.Hello-1.0/language/pt-br.json": '{"semantics": []}',
                          "SSE.Hello-1.0/language/.en.json": "not json, and skipped"})
    import_package(build(tmp_path / "languages.h5p", files))
    assert "libraries/SSE.Hello-1.0/language/pt-br.json" in on_disk(h5p_root)


@pytest.mark.parametrize("name", sorted(conf.CONTENT_EXTENSIONS))
def test_every_content_type_of_h5p_core_is_accepted(tmp_path, name):
    import_package(build(tmp_path / "types.h5p", with_hello({f"content/file.{name}": b"x"})))


# ---- what H5P core refuses ------------------------------------------------------

def test_a_language_file_that_is_not_json_is_refused(tmp_path, h5p_root):
    files = with_hello({"SSE.Hello-1.0/language/de.json": '{"semantics": [,]}'})
    refused(tmp_path, files, "SSE.Hello-1.0/language/de.json: not valid JSON")
    assert on_disk(h5p_root) == []


@pytest.mark.parametrize("name", ["readme.md", "de.txt", "de_DE.json", "sub/de.json",
                                  "a-b-c-d-e-f-g-h.json"])
def test_other_files_in_the_language_folder_are_refused(tmp_path, name):
    files = with_hello({f"SSE.Hello-1.0/language/{name}": "{}"})
    refused(tmp_path, files, "not a language file")


def test_a_semantics_file_that_is_not_json_is_refused(tmp_path):
    refused(tmp_path, with_hello({"SSE.Hello-1.0/semantics.json": "[{'name': 'text'}]"}),
            "SSE.Hello-1.0/semantics.json: not valid JSON")


@pytest.mark.parametrize("path, reason", [
    ("content/photo.webp", ".webp files are not allowed in content"),
    ("content/drawing.svg", ".svg files are not allowed in content"),
    ("content/data.xml", ".xml files are not allowed in content"),
    ("content/page.html", ".html files are not allowed in content"),
    ("SSE.Hello-1.0/hello.js.map", ".map files are not allowed in a library"),
    ("SSE.Hello-1.0/tool.php", ".php files are not allowed in a library"),
    ("SSE.Hello-1.0/LICENSE", ". files are not allowed in a library"),
])
def test_file_types_outside_h5p_cores_lists_are_refused(tmp_path, path, reason):
    refused(tmp_path, dict(entries(), **{path: b"x"}), reason)


@pytest.mark.parametrize("change, reason", [
    ({"runnable": None}, "missing runnable"),
    ({"runnable": True}, "invalid value for runnable"),
    ({"patchVersion": "1.0"}, "invalid value for patchVersion"),
    ({"license": "Apache-2.0"}, "invalid value for license"),
    ({"embedTypes": ["div", "canvas"]}, "embedTypes may only hold iframe, div"),
    ({"preloadedJs": [{"path": "hello.js?v=2"}]}, "invalid value for preloadedJs.path"),
    ({"preloadedDependencies": []}, "missing preloadedDependencies.machineName"),
    ({"coreApi": {"majorVersion": 1}}, "missing coreApi.minorVersion"),
    ({"title": "é" * 200}, "invalid value for title"),  # 400 bytes: H5P counts bytes
])
def test_library_json_follows_h5p_cores_rules(tmp_path, change, reason):
    library = {key: value for key, value in {**LIBRARY_JSON, **change}.items() if value is not None}
    files = dict(entries(), **{"SSE.Hello-1.0/library.json": json.dumps(library)})
    refused(tmp_path, files, f"SSE.Hello-1.0/library.json: {reason}")


@pytest.mark.parametrize("change, reason", [
    ({"license": "MIT"}, "invalid value for license"),
    ({"language": "en_GB.utf8"}, "invalid value for language"),
    ({"embedTypes": "div"}, "invalid value for embedTypes"),
    ({"authors": [{"name": "Ada"}]}, "missing authors.role"),
    ({"source": "javascript:alert(1)"}, "invalid value for source"),
    ({"mainLibrary": "SSE Hello"}, "invalid value for mainLibrary"),
])
def test_h5p_json_follows_h5p_cores_rules(tmp_path, change, reason):
    files = dict(entries(), **{"h5p.json": json.dumps({**H5P_JSON, **change})})
    refused(tmp_path, files, f"h5p.json: {reason}")


@pytest.mark.parametrize("content", ["null", "false", "{"])
def test_content_json_must_hold_a_value(tmp_path, content):
    refused(tmp_path, dict(entries(), **{"content/content.json": content}),
            "content/content.json: not valid JSON")


def test_a_missing_editor_dependency_is_refused(tmp_path):
    library = {**LIBRARY_JSON, "editorDependencies": [
        {"machineName": "H5PEditor.Hello", "majorVersion": 1, "minorVersion": 0}]}
    refused(tmp_path, dict(entries(), **{"SSE.Hello-1.0/library.json": json.dumps(library)}),
            "missing library H5PEditor.Hello-1.0")


def test_a_long_script_path_is_judged_at_once(tmp_path):
    # H5P core's own pattern backtracks for ever on this name; ours answers at once.
    library = {**LIBRARY_JSON, "preloadedJs": [{"path": "a." * 5000 + "jsx"}]}
    started = time.monotonic()
    refused(tmp_path, dict(entries(), **{"SSE.Hello-1.0/library.json": json.dumps(library)}),
            "invalid value for preloadedJs.path")
    assert time.monotonic() - started < 2


def test_the_protections_still_hold_inside_skipped_folders(tmp_path, h5p_root):
    # H5P core would skip these names; they are refused before anything is read.
    refused(tmp_path, with_hello({"__MACOSX/../../evil.png": b"x"}), "goes up a folder")
    refused(tmp_path, with_hello({"__MACOSX/bomb.txt": b"0" * 5_000_000}), "compressed")
    assert on_disk(h5p_root) == []


# ---- real packages --------------------------------------------------------------

@pytest.mark.parametrize("name", ["h5p-test.h5p", "accordion.h5p", "flashcards.h5p",
                                  "dictation.h5p", "image-hotspot-question.h5p"])
def test_real_packages_are_accepted(name, h5p_root):
    path = FIXTURES / name
    require(path.exists(), f"the real H5P package {path}")
    package = import_package(path)
    main = package.h5p_json["mainLibrary"]
    stored = on_disk(h5p_root)
    assert f"content/{package.id}/content/content.json" in stored
    main_library = package.libraries.get(machine_name=main)
    assert any(name.startswith(f"libraries/{main_library.folder}/") for name in stored)
    for library in package.libraries.all():
        for script in library.definition.get("preloadedJs", []):
            assert f"libraries/{library.folder}/{script['path']}" in stored
