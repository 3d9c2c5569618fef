"""The academy's files in an S3-compatible bucket (moto's server, a real HTTP endpoint),
configured as an operator does it (AWS_* variables read by demo_site/settings/base.py).

H5P packages uploaded in the admin become public objects carrying their safety headers,
and a lesson plays them from the bucket; private files (uploads awaiting import, plan
PDFs) are objects nobody can read from the bucket without credentials; nothing is
written to the local disk."""

import io
from pathlib import Path

import pytest
import requests
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from academy.models import PlanExport
from courses import progress
from courses.h5p import importer
from courses.h5p.file_headers import package_file_headers
from courses.h5p.importer import import_package
from courses.models import H5PLibrary, H5PPackage, H5PUpload, ModulePage
from courses.roles import TRAINERS
from courses.storage import read_bytes

from ..community_builders import image_bytes
from ..conftest import course_in, lessons_of, require
from ..h5p_builders import add_h5p_lesson, build, entries

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "h5p" / "h5p-test.h5p"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def files_under(folder):
    return [path for path in Path(folder).rglob("*") if path.is_file()] if Path(folder).exists() else []


def public(endpoint, key):
    grants = endpoint.client().get_object_acl(Bucket=endpoint.bucket, Key=key)["Grants"]
    return any(grant["Grantee"].get("URI") == ALL_USERS for grant in grants)


@pytest.fixture
def trainer(django_user_model):
    user = django_user_model.objects.create_user(username="tess@example.org", password="x")
    user.groups.add(Group.objects.get(name=TRAINERS))
    client = Client()
    client.force_login(user)
    return client


def test_an_uploaded_package_is_public_objects_with_their_headers_and_plays_from_the_bucket(
        files_in_bucket, trainer, settings, django_user_model):
    require(FIXTURE.exists(), f"the H5P fixture {FIXTURE}")
    bucket = files_in_bucket
    response = trainer.post("/admin/h5p/upload/", {
        "file": SimpleUploadedFile("true-false.h5p", FIXTURE.read_bytes())})
    assert response.status_code == 302
    upload = H5PUpload.objects.get()
    assert upload.state == H5PUpload.IMPORTED, upload.message
    package = H5PPackage.objects.get()

    keys = bucket.keys("h5p/")
    assert f"h5p/content/{package.id}/h5p.json" in keys
    assert f"h5p/content/{package.id}/content/content.json" in keys
    assert "h5p/libraries/H5P.TrueFalse-1.6/library.json" in keys
    assert len(keys) > 100  # every file of the package, none left out
    client = bucket.client()
    for key in ["h5p/libraries/H5P.TrueFalse-1.6/icon.svg", "h5p/libraries/H5P.TrueFalse-1.6/library.json",
                next(k for k in keys if k.endswith(".js")), next(k for k in keys if k.endswith(".woff"))]:
        head = client.head_object(Bucket=bucket.bucket, Key=key)
        expected = package_file_headers(key)
        assert head["ContentType"] == expected["Content-Type"], key
        assert head.get("ContentDisposition") == expected.get("Content-Disposition"), key
        assert public(bucket, key), key
    assert client.head_object(Bucket=bucket.bucket, Key="h5p/libraries/H5P.TrueFalse-1.6/icon.svg")[
        "ContentDisposition"].startswith("attachment")
    # The upload waited in the private prefix and is gone once imported.
    assert not upload.file and bucket.keys("private/h5p-uploads/") == []
    assert files_under(settings.MEDIA_ROOT) == [] and files_under(settings.ACADEMY_PRIVATE_ROOT) == []

    learner = django_user_model.objects.create_user(username="lea@example.org", password="x")
    course = course_in("en")
    progress.enrol(learner, course)
    module = ModulePage.objects.child_of(course).order_by("path").first()
    lesson, _block = add_h5p_lesson(module, package, "complete", "true-or-false", "True or false?")
    client_for_learner = Client()
    client_for_learner.force_login(learner)
    page = client_for_learner.get(lesson.url)
    assert page.status_code == 200
    html = page.content.decode()
    libraries = f"{bucket.url}/{bucket.bucket}/h5p/libraries"
    assert f"{bucket.url}/{bucket.bucket}/h5p/content/{package.id}" in html and libraries in html
    # The page's policy lets the player load from the bucket's origin.
    assert bucket.url in page.get("Content-Security-Policy", bucket.url)

    # What the browser then fetches, anonymously, from the bucket.
    library = requests.get(f"{libraries}/H5P.TrueFalse-1.6/library.json", timeout=10)
    assert library.status_code == 200 and library.json()["machineName"] == "H5P.TrueFalse"
    assert library.headers["Content-Type"] == "application/json"
    h5p_json = requests.get(f"{bucket.url}/{bucket.bucket}/h5p/content/{package.id}/h5p.json",
                            timeout=10)
    assert h5p_json.json()["mainLibrary"] == "H5P.TrueFalse"
    icon = requests.get(f"{libraries}/H5P.TrueFalse-1.6/icon.svg", timeout=10)
    assert icon.status_code == 200 and icon.headers["Content-Disposition"].startswith("attachment")


def test_a_failed_import_leaves_nothing_in_the_bucket(files_in_bucket, monkeypatch):
    require(FIXTURE.exists(), f"the H5P fixture {FIXTURE}")
    real = H5PLibrary.objects.update_or_create
    calls = []

    def fails_on_the_fourth(*args, **kwargs):
        calls.append(kwargs["machine_name"])
        if len(calls) == 4:
            raise OSError("connection reset while importing")
        return real(*args, **kwargs)

    monkeypatch.setattr(H5PLibrary.objects, "update_or_create", fails_on_the_fourth)
    with pytest.raises(OSError):
        import_package(FIXTURE)
    assert files_in_bucket.keys() == []
    assert not H5PPackage.objects.exists() and not H5PLibrary.objects.exists()


def test_a_newer_library_replaces_the_old_objects_and_a_failure_puts_them_back(
        files_in_bucket, tmp_path, monkeypatch):
    bucket = files_in_bucket
    import_package(build(tmp_path / "a.h5p"))
    hello = "h5p/libraries/SSE.Hello-1.0/hello.js"
    original = bucket.client().get_object(Bucket=bucket.bucket, Key=hello)["Body"].read()

    newer = entries(patch=7)
    newer["SSE.Hello-1.0/hello.js"] = b"// newer"

    move = importer.Placement.move

    def fails_on_the_content(placement, source, prefix):
        if prefix.startswith("content/"):  # after the library was replaced
            raise OSError("connection reset while uploading")
        return move(placement, source, prefix)

    monkeypatch.setattr(importer.Placement, "move", fails_on_the_content)
    with pytest.raises(OSError):
        import_package(build(tmp_path / "b.h5p", newer))
    assert bucket.client().get_object(Bucket=bucket.bucket, Key=hello)["Body"].read() == original
    monkeypatch.undo()

    import_package(build(tmp_path / "c.h5p", newer))
    assert bucket.client().get_object(Bucket=bucket.bucket, Key=hello)["Body"].read() == b"// newer"
    assert H5PLibrary.objects.get().patch == 7


def test_private_files_are_objects_nobody_reads_without_the_view(
        files_in_bucket, learner, learner_client, other_learner, django_capture_on_commit_callbacks):
    bucket = files_in_bucket
    course = course_in("en")
    progress.enrol(learner, course)
    lesson = next(lesson for lesson in lessons_of(course) if lesson.has_activities())
    block = next(b for b in lesson.body if b.block_type == "activity")
    progress.save_answers(learner, lesson, course.translation_key, block.id,
                          {block.value["fields"][0].id: "Une coopérative de recyclage"})
    with django_capture_on_commit_callbacks(execute=True):
        learner_client.post(f"/en/learn/courses/{course.id}/my-plan/")
    export = PlanExport.objects.get()
    assert export.state == PlanExport.READY
    (key,) = bucket.keys("private/plans/")
    assert key == f"private/{export.pdf.name}" and not public(bucket, key)
    assert requests.get(f"{bucket.url}/{bucket.bucket}/{key}", timeout=10).status_code == 403
    with pytest.raises(ValueError):
        export.pdf.url  # noqa: B018 — private files have no URL to leak
    download = learner_client.get(f"/en/learn/plans/{export.pk}/")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert download.content == read_bytes(export.pdf)
    intruder = Client()
    intruder.force_login(other_learner)
    assert intruder.get(f"/en/learn/plans/{export.pk}/").status_code == 404
    # Deleting the learner's account deletes the document from the bucket too.
    with django_capture_on_commit_callbacks(execute=True):
        learner.delete()
    assert bucket.keys("private/") == []


def test_wagtail_images_go_to_the_bucket_too(files_in_bucket, settings):
    from django.core.files.images import ImageFile
    from wagtail.images.models import Image

    image = Image.objects.create(title="Market", file=ImageFile(io.BytesIO(image_bytes("PNG", (8, 8))),
                                                                name="market.png"))
    assert files_in_bucket.keys("media/original_images/") == [f"media/{image.file.name}"]
    assert files_under(settings.MEDIA_ROOT) == []
    assert image.file.url.startswith(f"{files_in_bucket.url}/")
