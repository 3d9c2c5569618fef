""""My plan": a learner's worksheet answers exported as a PDF by a Celery task."""

import io

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from pypdf import PdfReader

from academy.models import PlanExport
from academy.tasks import export_plan
from courses import progress
from courses.models import OutboxTask

from .conftest import course_in, lessons_of

pytestmark = pytest.mark.django_db


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def answered(learner):
    course = course_in("en")
    progress.enrol(learner, course)
    lesson = next(lesson for lesson in lessons_of(course) if lesson.has_activities())
    block = next(b for b in lesson.body if b.block_type == "activity")
    first_field = block.value["fields"][0]
    progress.save_answers(learner, lesson, course.translation_key, block.id,
                          {first_field.id: "Coopérative de recyclage à Dakar"})
    return course


def test_the_pdf_holds_the_learners_answers_in_their_language(
        learner_client, answered, django_capture_on_commit_callbacks):
    course_fr = course_in("fr")
    with django_capture_on_commit_callbacks(execute=True):  # the task, sent after the commit
        response = learner_client.post(f"/fr/learn/courses/{course_fr.id}/my-plan/")
    assert response.status_code == 302
    export = PlanExport.objects.get()
    assert export.state == "ready" and export.language == "fr"
    download = learner_client.get(f"/fr/learn/plans/{export.pk}/")
    assert download["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(download.streaming_content) if download.streaming
                    else download.content)
    assert "Coopérative de recyclage à Dakar" in text
    assert course_fr.title.split()[0] in text  # the French course title
    assert "Ana" in text


def test_nobody_else_can_download_it(answered, learner_client, other_learner):
    learner_client.post(f"/en/learn/courses/{answered.id}/my-plan/")
    export = PlanExport.objects.get()
    intruder = Client()
    intruder.force_login(other_learner)
    assert intruder.get(f"/en/learn/plans/{export.pk}/").status_code == 404
    assert Client().get(f"/en/learn/plans/{export.pk}/").status_code == 404


def test_refused_requests_create_nothing(learner_client, client, course_en):
    assert learner_client.post(f"/en/learn/courses/{course_en.id}/my-plan/").status_code == 403
    assert client.post(f"/en/learn/courses/{course_en.id}/my-plan/").status_code == 403
    assert learner_client.get(f"/en/learn/courses/{course_en.id}/my-plan/").status_code == 405
    assert not PlanExport.objects.exists()


def test_a_failed_export_is_marked_failed_not_ready(answered, learner, monkeypatch):
    export = PlanExport.objects.create(user=learner, course_key=answered.translation_key,
                                       language="en")

    def broken(plan):
        raise RuntimeError("disk full")

    monkeypatch.setattr("academy.pdf.render_plan", broken)
    with pytest.raises(RuntimeError):
        export_plan(str(export.pk))
    export.refresh_from_db()
    assert export.state == "failed" and not export.pdf and "disk full" in export.error


def test_dashboard_offers_the_export(learner_client, answered, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        learner_client.post(f"/en/learn/courses/{answered.id}/my-plan/")
    html = learner_client.get("/en/dashboard/").content.decode()
    export = PlanExport.objects.get()
    assert f"/en/learn/plans/{export.pk}/" in html


def test_asking_again_while_one_is_prepared_makes_no_second_export(learner_client, answered):
    url = f"/en/learn/courses/{answered.id}/my-plan/"
    assert learner_client.post(url).status_code == 302
    assert learner_client.post(url).status_code == 302  # a double click, a reload
    export = PlanExport.objects.get()
    assert export.state == "pending"
    # Its task is recorded with it (sent after the commit, or by the outbox sweeper).
    assert list(OutboxTask.objects.filter(task="academy.tasks.export_plan").values_list(
        "args", flat=True)) == [[str(export.pk)]]


def test_the_database_holds_one_pending_export_per_learner_and_course(learner, answered):
    PlanExport.objects.create(user=learner, course_key=answered.translation_key, language="en")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanExport.objects.create(user=learner, course_key=answered.translation_key, language="fr")
