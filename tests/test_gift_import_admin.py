"""GIFT import in the admin (issue #19): check first with a preview of the questions
found, the file kept between check and import, a language and a category chosen, links
to what was created and a way to add them to a quiz; export of what was imported."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.roles import FACILITATORS, TRAINERS
from quizzes.models import Question, QuestionCategory, QuizPage

from .admin_helpers import client_for, csrf_token_of
from .quiz_builders import make_question, make_quiz

pytestmark = pytest.mark.django_db
URL = "/admin/quizzes/import-gift/"
BANK = """::Owners:: Who owns a cooperative? {
  =Its members#Yes.
  ~%-50%Its investors#No.
  ~Nobody
}

::q2:: Members have one vote each, whatever their capital. {T}

$CATEGORY: Principles
::Order:: Put the steps in order. {>Need >Idea >Plan}
"""


def upload(text, name="bank.gift"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


@pytest.fixture
def trainer(django_user_model):
    return client_for(django_user_model, "tess@example.org", TRAINERS)


def check(client, text=BANK, **fields):
    return client.post(URL, {"step": "check", "file": upload(text), "language": "en",
                             "new_category": "Imported", **fields})


def test_the_form_checks_first_and_offers_a_language_and_a_category(trainer):
    form = trainer.get(URL)
    assert form.status_code == 200
    fields = form.context["form"].fields
    assert "dry_run" not in fields  # no "only check" box: checking is the first step
    assert {"file", "language", "category", "new_category"} <= set(fields)
    assert [code for code, _name in fields["language"].choices] == ["en", "es", "fr"]


def test_check_shows_the_questions_found_and_imports_nothing(trainer):
    checked = check(trainer)
    assert checked.status_code == 200
    page = checked.content.decode()
    for text in ("Owners", "Who owns a cooperative?", "Single choice", "Its members", "-50",
                 "<strong>Members have one vote each, whatever their capital.</strong>",
                 "True / false", "Ordering", "Principles",
                 "Import 3 questions"):
        assert text in page, text
    assert 'type="file"' not in page  # the checked file waits on the server, not in a field
    assert not Question.objects.exists()


def test_import_uses_the_checked_file_once_in_the_chosen_language_and_category(trainer):
    token = check(trainer, language="fr").context["token"]
    imported = trainer.post(URL, {"step": "import", "token": token})
    assert imported.status_code == 200
    questions = Question.objects.order_by("id")
    assert [q.locale.language_code for q in questions] == ["fr"] * 3
    assert [q.category.name for q in questions] == ["Imported", "Imported", "Principles"]
    assert questions[1].name == "Members have one vote each, whatever their capital."
    page = imported.content.decode()
    for question in questions:
        assert f"/admin/snippets/sse_quizzes/question/edit/{question.pk}/" in page
    category = QuestionCategory.objects.get(name="Imported")
    assert f"category={category.pk}" in page

    again = trainer.post(URL, {"step": "import", "token": token})
    assert again.status_code == 400  # a second click imports nothing more
    assert Question.objects.count() == 3


def test_imported_questions_are_added_to_a_quiz_from_the_result(trainer):
    quiz = make_quiz([make_question("single")], languages=("en",))["en"]
    token = check(trainer, new_category="", category=make_question("truefalse").category_id) \
        .context["token"]
    result = trainer.post(URL, {"step": "import", "token": token})
    assert quiz in list(result.context["quizzes"])
    new = list(Question.objects.filter(name__in=["Owners", "Order"]).order_by("id"))
    added = trainer.post("/admin/quizzes/add-questions/", {
        "quiz": quiz.pk, "question": [q.pk for q in new]})
    assert added["Location"] == f"/admin/quizzes/{quiz.id}/questions/"
    draft = QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    assert [block.value for block in draft.questions][1:] == new


def test_a_file_with_problems_lists_them_by_line_and_keeps_nothing(trainer):
    refused = check(trainer, text="::a:: Fine {=x ~y}\n\n::b:: Broken {#nope}\n")
    assert refused.status_code == 400
    assert "Line 3" in refused.content.decode()
    assert "token" not in refused.context
    assert not Question.objects.exists()


def test_bad_input_is_refused(trainer, django_user_model):
    existing = make_question("single").category_id
    other = trainer.post(URL, {"step": "check", "file": upload("x", "bank.exe"),
                               "language": "en", "new_category": "I"})
    assert other.status_code == 400 and "Choose a .txt or .gift file" in other.content.decode()
    both = check(trainer, category=existing)
    assert both.status_code == 400 and "not both" in both.content.decode()
    assert check(trainer, language="de").status_code == 400
    assert trainer.post(URL, {"step": "import", "token": "forged"}).status_code == 400

    token = check(trainer).context["token"]
    someone_else = client_for(django_user_model, "tom@example.org", TRAINERS)
    assert someone_else.post(URL, {"step": "import", "token": token}).status_code == 400
    assert Question.objects.count() == 1  # only the one made above


def test_only_trainers_import_and_posts_need_the_csrf_token(django_user_model):
    for username, group in (("ana@example.org", None), ("fay@example.org", FACILITATORS)):
        client = client_for(django_user_model, username, group)
        assert client.get(URL).status_code in (302, 403)
        assert check(client).status_code in (302, 403)
    client = client_for(django_user_model, "tom@example.org", TRAINERS, enforce_csrf=True)
    assert check(client).status_code == 403
    token = csrf_token_of(client, URL)
    assert check(client, csrfmiddlewaretoken=token).status_code == 200
    assert not Question.objects.exists()


def test_imported_questions_export_as_gift(trainer):
    token = check(trainer).context["token"]
    trainer.post(URL, {"step": "import", "token": token})
    exported = trainer.get("/admin/quizzes/export-gift/").content.decode()
    assert "{>Need >Idea >Plan}" in exported
