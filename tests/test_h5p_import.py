"""H5P import: a good package installs once; every bad one is refused with its reason,
leaving nothing on disk or in the database."""

import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from courses.h5p import conf
from courses.h5p.importer import import_package
from courses.h5p.validation import PackageRejected
from courses.models import H5PLibrary, H5PPackage
from courses.roles import TRAINERS

from .h5p_builders import H5P_JSON, build, entries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def h5p_root(settings, tmp_path):
    settings.ACADEMY_H5P_ROOT = tmp_path / "h5p"
    return settings.ACADEMY_H5P_ROOT


def files_on_disk(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) \
        if root.exists() else []


def test_a_good_package_is_installed(tmp_path, h5p_root):
    package = import_package(build(tmp_path / "hello.h5p"))
    assert package.title == "Hello SSE" and package.main_library == "SSE.Hello"
    library = H5PLibrary.objects.get()
    assert (library.folder, library.patch) == ("SSE.Hello-1.0", 2)
    assert list(package.libraries.all()) == [library]
    on_disk = files_on_disk(h5p_root)
    assert "libraries/SSE.Hello-1.0/hello.js" in on_disk
    assert f"content/{package.id}/content/content.json" in on_disk
    assert json.loads((h5p_root / f"content/{package.id}/h5p.json").read_text())["title"] == \
        "Hello SSE"


def test_libraries_are_shared_and_replaced_only_by_a_higher_patch(tmp_path, h5p_root):
    import_package(build(tmp_path / "a.h5p"))
    older = entries(patch=1)
    older["SSE.Hello-1.0/hello.js"] = b"// older"
    import_package(build(tmp_path / "b.h5p", older))
    assert H5PLibrary.objects.get().patch == 2
    assert b"older" not in (h5p_root / "libraries/SSE.Hello-1.0/hello.js").read_bytes()
    newer = entries(patch=5)
    newer["SSE.Hello-1.0/hello.js"] = b"// newer"
    import_package(build(tmp_path / "c.h5p", newer))
    assert H5PLibrary.objects.get().patch == 5
    assert (h5p_root / "libraries/SSE.Hello-1.0/hello.js").read_bytes() == b"// newer"
    assert H5PPackage.objects.count() == 3 and H5PLibrary.objects.count() == 1


def bad_packages():
    yield "zip slip", dict(entries(), **{"content/../../evil.png": b"x"}), "goes up a folder"
    yield "absolute path", dict(entries(), **{"/etc/evil.json": b"{}"}), "absolute path"
    yield "php file", dict(entries(), **{"content/shell.php": b"<?php"}), ".php files"
    yield "html file", dict(entries(), **{"SSE.Hello-1.0/page.html": b"<p>"}), ".html files"
    yield "exe file", dict(entries(), **{"content/tool.exe": b"MZ"}), ".exe files"
    yield "broken json", dict(entries(), **{"h5p.json": "{not json"}), "not valid JSON"
    yield "missing content", {k: v for k, v in entries().items()
                              if k != "content/content.json"}, "content/content.json: missing"
    yield "missing dependency", dict(entries(), **{"h5p.json": json.dumps(
        {**H5P_JSON, "preloadedDependencies": H5P_JSON["preloadedDependencies"] + [
            {"machineName": "H5P.Missing", "majorVersion": 1, "minorVersion": 0}]})}), \
        "missing library H5P.Missing-1.0"
    renamed = {k.replace("SSE.Hello-1.0", "SSE.Hello-2.0"): v for k, v in entries().items()}
    yield "folder name mismatch", renamed, "does not match library.json"
    yield "core api too new", entries(library={"coreApi": {"majorVersion": 9,
                                                            "minorVersion": 0}}), "core API 9.0"
    yield "missing preloaded js", {k: v for k, v in entries().items()
                                   if not k.endswith("hello.js")}, "hello.js: listed"
    yield "missing h5p keys", dict(entries(), **{"h5p.json": json.dumps({"title": "x"})}), \
        "missing language"


@pytest.mark.parametrize("case", range(12))
def test_bad_packages_are_refused_and_leave_nothing(tmp_path, h5p_root, case):
    name, files, reason = list(bad_packages())[case]
    with pytest.raises(PackageRejected) as rejected:
        import_package(build(tmp_path / "bad.h5p", files))
    assert any(reason in problem for problem in rejected.value.problems), (name, rejected.value)
    assert files_on_disk(h5p_root) == []
    assert not H5PPackage.objects.exists() and not H5PLibrary.objects.exists()


def test_symlinks_are_refused(tmp_path, h5p_root):
    path = build(tmp_path / "link.h5p", symlinks=[("content/passwd.json", "/etc/passwd")])
    with pytest.raises(PackageRejected, match="symbolic link"):
        import_package(path)
    assert files_on_disk(h5p_root) == []


def test_too_many_entries(tmp_path, h5p_root):
    files = entries()
    files.update({f"content/f{n}.json": b"{}" for n in range(10_000)})
    with pytest.raises(PackageRejected, match="entries"):
        import_package(build(tmp_path / "many.h5p", files, compress=zipfile.ZIP_STORED))
    assert files_on_disk(h5p_root) == []


def test_an_entry_declaring_a_gigabyte(tmp_path, h5p_root):
    path = build(tmp_path / "big.h5p")
    data = bytearray(path.read_bytes())
    name = b"content/content.json"
    at = data.find(b"PK\x01\x02")  # central directory: the sizes the importer trusts
    while data[at + 46:at + 46 + len(name)] != name:
        at = data.find(b"PK\x01\x02", at + 4)
    data[at + 24:at + 28] = (1024 ** 3).to_bytes(4, "little")  # uncompressed size
    path.write_bytes(bytes(data))
    with pytest.raises(PackageRejected, match="bytes"):
        import_package(path)
    assert files_on_disk(h5p_root) == []


def test_a_high_compression_ratio(tmp_path, h5p_root):
    files = dict(entries(), **{"content/bomb.txt": b"0" * 5_000_000})
    with pytest.raises(PackageRejected, match="compressed"):
        import_package(build(tmp_path / "bomb.h5p", files))
    assert files_on_disk(h5p_root) == []


def test_not_a_zip(tmp_path):
    path = tmp_path / "fake.h5p"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(PackageRejected, match="not a zip"):
        import_package(path)


def test_the_command_reports_and_fails_on_rejection(tmp_path, capsys):
    good = build(tmp_path / "good.h5p")
    bad = build(tmp_path / "bad.h5p", dict(entries(), **{"content/x.php": b"<?php"}))
    with pytest.raises(CommandError, match="1 package"):
        call_command("import_h5p", str(good), str(bad))
    out = capsys.readouterr()
    assert "imported “Hello SSE”" in out.out
    assert "bad.h5p: rejected: content/x.php: .php files are not allowed" in out.err


def test_limits_are_settings(settings, tmp_path):
    settings.ACADEMY_H5P_MAX_ENTRIES = 3
    assert conf.MAX_ENTRIES() == 3
    with pytest.raises(PackageRejected, match="limit is 3"):
        import_package(build(tmp_path / "hello.h5p"))


def test_trainers_upload_packages_in_the_admin(tmp_path, h5p_root, django_user_model, settings,
                                               learner_client):
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from courses.models import H5PUpload

    settings.MEDIA_ROOT = tmp_path / "media"
    trainer = django_user_model.objects.create_user(username="t@example.org", password="x")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client = Client()
    client.force_login(trainer)
    good = build(tmp_path / "hello.h5p").read_bytes()
    wrong_type = client.post("/admin/h5p/upload/", {
        "file": SimpleUploadedFile("hello.zip", good)})
    assert "Choose a .h5p file" in wrong_type.content.decode()
    client.post("/admin/h5p/upload/", {"file": SimpleUploadedFile("hello.h5p", good)})
    bad = dict(entries(), **{"content/x.php": b"<?php"})
    client.post("/admin/h5p/upload/", {
        "file": SimpleUploadedFile("bad.h5p", build(tmp_path / "bad.h5p", bad).read_bytes())})
    states = dict(H5PUpload.objects.values_list("original_name", "state"))
    assert states == {"hello.h5p": "imported", "bad.h5p": "rejected"}
    assert ".php files are not allowed" in client.get("/admin/h5p/upload/").content.decode()
    assert H5PPackage.objects.count() == 1
    assert learner_client.get("/admin/h5p/upload/").status_code in (302, 403)


def test_upload_list_refreshes_itself_only_while_an_import_is_running(
        tmp_path, h5p_root, django_user_model, settings):
    from django.contrib.auth.models import Group
    from django.test import Client

    from courses.models import H5PUpload

    settings.MEDIA_ROOT = tmp_path / "media"
    trainer = django_user_model.objects.create_user(username="t@example.org", password="x")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client = Client()
    client.force_login(trainer)
    running = H5PUpload.objects.create(file="h5p-uploads/big.h5p", original_name="big.h5p",
                                       uploaded_by=trainer)
    page = client.get("/admin/h5p/upload/").content.decode()
    assert "being imported" in page and "data-refresh-while-pending" in page
    running.state = H5PUpload.IMPORTED
    running.save()
    assert "data-refresh-while-pending" not in client.get("/admin/h5p/upload/").content.decode()
