"""Issuing: once per learner and course, only when the course is really complete."""

import io
import json

import jwt
import pytest
from django.db import IntegrityError, transaction
from django.utils import translation
from pypdf import PdfReader

from courses import progress
from courses.storage import read_bytes
from credentials.codes import CODE_PATTERN, normalise
from credentials.models import Certificate
from credentials.tasks import issue_certificate

from . import credentials_helpers as shared
from .conftest import course_in, lessons_of
from .credentials_helpers import finish_course
from .quiz_builders import make_question, make_quiz
from .test_quizzes import form_for, start, url

# Fixtures shared by the credentials tests.
badge_key = shared.badge_key

pytestmark = pytest.mark.django_db


def pdf_text(certificate):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(read_bytes(certificate.pdf))).pages)


def test_finishing_a_course_issues_one_certificate_with_a_readable_pdf(
        learner, course_en, django_capture_on_commit_callbacks, badge_key):
    certificate = finish_course(learner, course_en, django_capture_on_commit_callbacks)
    assert certificate is not None and certificate.is_ready
    assert CODE_PATTERN.match(certificate.code)
    assert certificate.language == "en" and certificate.holder_name == "Ana"
    text = pdf_text(certificate)
    for expected in ("Ana", course_en.title, certificate.code, f"/verify/{certificate.code}/",
                     "Certificate of completion"):
        assert expected in text.replace("\n", " "), expected


def test_an_account_without_a_name_never_puts_its_email_on_the_public_certificate(
        django_user_model, course_en, django_capture_on_commit_callbacks, badge_key, client):
    # Accounts made outside the sign-up form (createsuperuser, an integrator's own
    # accounts) often have no name and their email as username.
    nameless = django_user_model.objects.create_user(
        username="zoe.martin@example.org", email="zoe.martin@example.org", password="pw-123456-x")
    certificate = finish_course(nameless, course_en, django_capture_on_commit_callbacks)
    assert certificate is not None and certificate.holder_name == "zoe.martin"
    page = client.get(f"/verify/{certificate.code}/").content.decode()
    assert "zoe.martin" in page and "zoe.martin@example.org" not in page
    assert "zoe.martin@example.org" not in certificate.badge + pdf_text(certificate)
    claims = jwt.decode(certificate.badge, options={"verify_signature": False})
    assert "zoe.martin@example.org" not in json.dumps(claims)


def test_the_signal_twice_and_the_task_again_keep_one_certificate(
        learner, course_en, django_capture_on_commit_callbacks, badge_key):
    certificate = finish_course(learner, course_en, django_capture_on_commit_callbacks)
    pdf = read_bytes(certificate.pdf)
    progress.course_completed.send(sender=None, user=learner, course_key=course_en.translation_key,
                                   enrolment=None)
    assert issue_certificate(learner.pk, str(course_en.translation_key), "fr") == certificate.code
    assert Certificate.objects.filter(user=learner).count() == 1
    again = Certificate.objects.get(user=learner)
    assert (again.code, again.language, read_bytes(again.pdf)) == (certificate.code, "en", pdf)


def test_a_rerun_finishes_a_certificate_whose_documents_are_missing(
        learner, course_en, django_capture_on_commit_callbacks, badge_key):
    certificate = finish_course(learner, course_en, django_capture_on_commit_callbacks)
    Certificate.objects.filter(pk=certificate.pk).update(pdf="", badge="")
    issue_certificate(learner.pk, str(course_en.translation_key), "en")
    rerun = Certificate.objects.get(pk=certificate.pk)
    assert rerun.is_ready and rerun.code == certificate.code
    assert read_bytes(rerun.pdf) == read_bytes(certificate.pdf)  # deterministic document


def test_the_database_refuses_a_second_certificate(learner, course_en,
                                                   django_capture_on_commit_callbacks, badge_key):
    certificate = finish_course(learner, course_en, django_capture_on_commit_callbacks)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(user=learner, course_key=course_en.translation_key,
                                   code="AAAA-BBBB-CCCC-DDDD", language="en", holder_name="x",
                                   course_title="x", issued_at=certificate.issued_at)


def test_an_unfinished_course_gets_no_certificate(learner, course_en,
                                                  django_capture_on_commit_callbacks):
    progress.enrol(learner, course_en)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course_en)[:-1]:
            progress.complete_step(learner, lesson, course_en.translation_key)
    # Even a task sent by mistake issues nothing.
    assert issue_certificate(learner.pk, str(course_en.translation_key), "en") is None
    assert not Certificate.objects.exists()


def test_a_failed_quiz_means_no_certificate_until_it_is_passed(
        learner, learner_client, course_en, django_capture_on_commit_callbacks, badge_key):
    quiz = make_quiz([make_question("single")], pass_mark=70, max_attempts=0)["en"]
    progress.enrol(learner, course_en)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course_en):
            progress.complete_step(learner, lesson, course_en.translation_key)
        attempt = start(learner_client, quiz)
        learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, {"single": 1}))
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and not attempt.passed
    assert not Certificate.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        attempt = start(learner_client, quiz)
        learner_client.post(url("sse_quizzes:submit", attempt.pk), form_for(attempt, {"single": 0}))
    assert Certificate.objects.filter(user=learner).count() == 1


def test_the_certificate_is_in_the_language_the_learner_finished_in(
        learner, django_capture_on_commit_callbacks, badge_key):
    course_fr = course_in("fr")
    with translation.override("fr"):
        certificate = finish_course(learner, course_fr, django_capture_on_commit_callbacks)
    assert certificate.language == "fr" and certificate.course_title == course_fr.title
    text = pdf_text(certificate).replace("\n", " ")
    assert course_fr.title in text and "Certificat de réussite" in text


@pytest.mark.parametrize("typed, expected", [
    ("7kq2 m9xd 4htb 0rze", "7KQ2-M9XD-4HTB-0RZE"),
    ("7KQ2-M9XD-4HTB-ORZE", "7KQ2-M9XD-4HTB-0RZE"),  # O typed for zero
    ("7KQ2-M9XD-4HTB", None), ("7KQ2-M9XD-4HTB-0RZU", None), ("<script>", None)])
def test_codes_are_read_forgivingly_but_strictly(typed, expected):
    assert normalise(typed) == expected
