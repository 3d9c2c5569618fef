"""A quiz's questions managed from the quiz (issue #19): the bank searched and filtered,
several questions added in one go, a new question written in place, moved, removed;
grades chosen as Moodle's percentages; readable names for catalog questions."""

import uuid

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from academy.catalog.identifiers import translation_key
from academy.catalog.loader import Loader
from academy.catalog.parser import Document, Quiz
from courses.models import ModulePage
from courses.roles import FACILITATORS, TRAINERS
from quizzes import gift
from quizzes.models import Question, QuestionCategory, QuizPage

from .admin_helpers import client_for, csrf_token_of, listing, stream
from .conftest import course_in
from .quiz_builders import make_question, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(django_user_model):
    return client_for(django_user_model, "tess@example.org", TRAINERS)


@pytest.fixture
def bank():
    """Questions in two categories, three types and two languages."""
    markets = QuestionCategory.objects.create(name="Markets")
    members = QuestionCategory.objects.create(name="Members")
    return {
        "cooperative": make_question("single", markets, text="Who owns a cooperative?"),
        "vote": make_question("truefalse", members, text="One member, one vote?"),
        "price": make_question("numeric", markets, text="What share of the price?"),
        "order": make_question("ordering", members, text="Put the steps of a plan in order"),
        "french": make_question("single", markets, language="fr",
                                text="Qui possède une coopérative ?"),
    }


@pytest.fixture
def quiz(bank):
    return make_quiz([bank["vote"]], languages=("en",))["en"]


def url(quiz, suffix=""):
    return f"/admin/quizzes/{quiz.id}/questions/{suffix}"


def draft_questions(quiz):
    draft = QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    return [block.value for block in draft.questions]


def live_questions(quiz):
    return [block.value for block in QuizPage.objects.get(pk=quiz.pk).questions]


def listed(response):
    return [q.name for q in response.context["results"]]


def test_the_quiz_editor_links_to_its_questions(trainer_client, quiz):
    edit = trainer_client.get(f"/admin/pages/{quiz.id}/edit/").content.decode()
    assert edit.count(f'href="{url(quiz)}"') == 2  # the header's menu and the questions panel
    module = quiz.get_parent()
    new = trainer_client.get(f"/admin/pages/add/sse_quizzes/quizpage/{module.id}/")
    assert "Save the quiz once to search the question bank" in new.content.decode()


def test_the_bank_is_searched_and_filtered_by_text_category_type_and_language(
        trainer_client, quiz, bank):
    page = trainer_client.get(url(quiz))
    assert page.status_code == 200
    # The quiz's language by default: the French question is not offered.
    assert sorted(listed(page)) == sorted(
        q.name for key, q in bank.items() if key != "french")
    assert listed(trainer_client.get(url(quiz), {"q": "cooperative"})) == [
        bank["cooperative"].name]
    assert sorted(listed(trainer_client.get(url(quiz), {"category": bank["vote"].category_id}))) \
        == sorted([bank["vote"].name, bank["order"].name])
    assert listed(trainer_client.get(url(quiz), {"kind": "numeric"})) == [bank["price"].name]
    assert listed(trainer_client.get(url(quiz), {"language": "fr"})) == [bank["french"].name]
    assert len(listed(trainer_client.get(url(quiz), {"language": ""}))) == len(bank)
    shown = page.content.decode()
    assert "already in the quiz" in shown  # the question the quiz holds is marked


def test_several_questions_are_added_at_once_as_a_draft_then_published(
        trainer_client, quiz, bank):
    added = trainer_client.post(url(quiz, "add/"), {
        "question": [bank["cooperative"].pk, bank["price"].pk, bank["vote"].pk],
        "filters": "kind=single"})
    assert added.status_code == 302 and added["Location"] == url(quiz) + "?kind=single"
    assert draft_questions(quiz) == [bank["vote"], bank["cooperative"], bank["price"]]
    assert live_questions(quiz) == [bank["vote"]]  # learners see it once published
    assert "2 questions added" in trainer_client.get(url(quiz)).content.decode()

    trainer_client.post(url(quiz, "publish/"))
    assert live_questions(quiz) == [bank["vote"], bank["cooperative"], bank["price"]]


def test_questions_are_moved_and_removed(trainer_client, quiz, bank):
    trainer_client.post(url(quiz, "add/"), {"question": [bank["cooperative"].pk,
                                                         bank["price"].pk]})
    draft = QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    ids = [block.id for block in draft.questions]

    # Without JavaScript: the Up and Down buttons.
    moved = trainer_client.post(url(quiz, f"{ids[2]}/move/"), {"direction": "up"})
    assert moved.status_code == 302
    assert draft_questions(quiz) == [bank["vote"], bank["price"], bank["cooperative"]]
    # Dragging: Wagtail's orderable controller posts ?position=N.
    dragged = trainer_client.post(url(quiz, f"{ids[0]}/move/") + "?position=2")
    assert dragged.status_code == 204
    assert draft_questions(quiz) == [bank["price"], bank["cooperative"], bank["vote"]]

    trainer_client.post(url(quiz, f"{ids[1]}/remove/"))
    assert draft_questions(quiz) == [bank["price"], bank["vote"]]


def question_form(category, text, grades):
    return nested_form_data({
        "name": "",
        "category": category.pk,
        "text": rich_text(f"<p>{text}</p>"),
        "spec": stream([("single", {"choices": listing([
            {"text": f"Answer {i}", "fraction": grade, "feedback": ""}
            for i, grade in enumerate(grades)])})]),
        "general_feedback": "",
        "default_mark": "1",
        "tags": "",
    })


def test_a_new_question_is_written_from_the_quiz_and_joins_it(trainer_client, quiz, bank):
    page = trainer_client.get(url(quiz)).content.decode()
    add_url = reverse("wagtailsnippets_sse_quizzes_question:add") + f"?for_quiz={quiz.id}"
    assert f"for_quiz={quiz.id}" in page

    form = trainer_client.get(add_url + "&locale=en")
    assert form.status_code == 200
    assert f"for_quiz={quiz.id}" in form.context["action_url"]

    text = "Which principle gives each member one vote whatever their capital?"
    created = trainer_client.post(add_url + "&locale=en", question_form(
        bank["vote"].category, text, ["1.0", "0.0", "-0.3333333"]))
    assert created.status_code == 302, created.content.decode()[:3000]
    assert created["Location"] == url(quiz)
    question = Question.objects.get(text__contains="whatever their capital")
    assert question.name == "Which principle gives each member one vote whatever their capital?"
    assert [c["fraction"] for c in question.spec_data()["choices"]] == [1.0, 0.0, -0.3333333]
    assert draft_questions(quiz) == [bank["vote"], question]


def test_a_question_edited_from_the_quiz_returns_to_it(trainer_client, quiz, bank):
    question = bank["vote"]
    edit_url = reverse("wagtailsnippets_sse_quizzes_question:edit", args=[question.pk])
    edit_url += f"?for_quiz={quiz.id}"
    assert edit_url in trainer_client.get(url(quiz)).content.decode()
    other = make_question("single", question.category)
    saved = trainer_client.post(edit_url, question_form(
        other.category, "A single choice question", ["1.0", "0.0"]))
    assert saved.status_code == 302 and saved["Location"] == url(quiz)


def test_grades_are_chosen_from_moodles_percentages(trainer_client, bank):
    question = bank["cooperative"]
    edit_url = reverse("wagtailsnippets_sse_quizzes_question:edit", args=[question.pk])
    form = trainer_client.get(edit_url).content.decode()
    assert "83.33333\\u00a0%" in form and "-100\\u00a0%" in form  # the choices the editor lists

    refused = trainer_client.post(edit_url, question_form(question.category, "Who?",
                                                          ["1.0", "0.37"]))
    assert refused.status_code == 200  # 37 % is not a grade Moodle offers
    question.refresh_from_db()
    assert [c["fraction"] for c in question.spec_data()["choices"]] == [1.0, 0.0, 0.0]

    trainer_client.post(edit_url, question_form(question.category, "Who?",
                                                ["0.5", "0.5", "-1.0"]))
    question.refresh_from_db()
    assert [c["fraction"] for c in question.spec_data()["choices"]] == [0.5, 0.5, -1.0]


def test_a_stored_fraction_is_shown_as_the_nearest_grade():
    block = Question._meta.get_field("spec").stream_block.child_blocks["single"] \
        .child_blocks["choices"].child_block.child_blocks["fraction"]
    assert block.value_for_form(0.33333333) == "0.3333333"  # GIFT's %33.33333%
    assert block.value_for_form(1) == "1.0"
    assert block.value_for_form(-0.5) == "-0.5"


def test_refusals(django_user_model, quiz, bank, trainer_client):
    learner = client_for(django_user_model, "ana@example.org")
    facilitator = client_for(django_user_model, "fay@example.org", FACILITATORS)
    for client in (learner, facilitator):
        assert client.get(url(quiz)).status_code in (302, 403)
        assert client.post(url(quiz, "add/"), {"question": [bank["price"].pk]}).status_code \
            in (302, 403)
    assert draft_questions(quiz) == [bank["vote"]]

    lesson = Page.objects.type(ModulePage).first()
    # (The demo site's LocaleMiddleware answers an admin 404 by a redirect to /en/admin/…,
    # which is a 404 too: follow it.)
    assert trainer_client.get(f"/admin/quizzes/{lesson.id}/questions/", follow=True) \
        .status_code == 404
    assert trainer_client.get("/admin/quizzes/999999/questions/", follow=True).status_code == 404
    assert trainer_client.post(url(quiz, f"{uuid.uuid4()}/remove/"), follow=True) \
        .status_code == 404
    assert trainer_client.post(url(quiz, "add/"), {"question": ["999999"]}).status_code == 400
    assert trainer_client.post(url(quiz, "add/"), {"question": ["x"]}).status_code == 400
    assert trainer_client.get(url(quiz, "add/")).status_code == 405
    assert draft_questions(quiz) == [bank["vote"]]
    add_url = reverse("wagtailsnippets_sse_quizzes_question:add")
    assert trainer_client.get(f"{add_url}?for_quiz={lesson.id}", follow=True).status_code == 404


def test_posts_need_the_csrf_token(django_user_model, quiz, bank):
    client = client_for(django_user_model, "tom@example.org", TRAINERS, enforce_csrf=True)
    assert client.post(url(quiz, "add/"), {"question": [bank["price"].pk]}).status_code == 403
    assert draft_questions(quiz) == [bank["vote"]]
    token = csrf_token_of(client, url(quiz))
    client.post(url(quiz, "add/"), {"question": [bank["price"].pk],
                                    "csrfmiddlewaretoken": token})
    assert draft_questions(quiz) == [bank["vote"], bank["price"]]


def test_catalog_questions_get_readable_names_and_keep_their_keys():
    body = ("::q1:: Twenty farmers hire one truck to carry all their produce to town, so each "
            "pays less per bag. Which benefit is this? {=Economies of scale ~Bargaining power}\n\n"
            "::Named:: Members vote. {T}\n")
    quiz = Quiz("09-quiz", Document(None, {"title": "Quiz", "slug": "quiz-x"}, body, 5),
                gift.parse(body).questions)
    module = ModulePage.objects.child_of(course_in("en")).first()
    loader = Loader(["en"], log=lambda *_: None)
    loader.upsert_quiz("sse-introduction", "01-what-is-sse", quiz, "en", module)
    first = Question.objects.get(
        translation_key=translation_key("sse-introduction", "01-what-is-sse", "09-quiz", "q1"))
    assert first.name == "Twenty farmers hire one truck to carry all their produce to town, so…"
    assert Question.objects.filter(name="Named").exists()
    loader.upsert_quiz("sse-introduction", "01-what-is-sse", quiz, "en", module)
    assert loader.counts == {"created": 1, "updated": 0, "unchanged": 1}
