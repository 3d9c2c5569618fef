"""GIFT import and export: every type round-trips; any error saves nothing."""

import pytest
from django.core.management import CommandError, call_command

from quizzes import gift
from quizzes.bank_io import export_gift, import_gift
from quizzes.models import Question

from .quiz_builders import SPECS, make_question

MOODLE_SAMPLE = """// A few questions as Moodle writes them
$CATEGORY: SSE basics

::Who owns a cooperative?:: Who owns a cooperative? {
  =Its members#Right: one member, one vote.
  ~Its investors#No.
  ~The state
}

::Principles:: Which are cooperative principles? {
  ~%50%Voluntary membership
  ~%50%Democratic control
  ~%-100%Maximising dividends
}

::TF:: A mutual society belongs to its members. {TRUE#Look again.#Yes.}

::Surplus:: What share of the surplus goes to reserves (%)? {#20:5}

::Range:: Pick a number between 1 and 5 {#1..5}

::Word:: The SSE puts people before \\{capital\\}: name this economy. {=social economy =solidarity economy}

::Match:: Match each form to its feature. {
  =Cooperative -> One member, one vote
  =Foundation -> An endowment
}
"""


def test_moodle_style_gift_is_understood():
    result = gift.parse(MOODLE_SAMPLE)
    assert result.problems == []
    kinds = [q.kind for q in result.questions]
    assert kinds == ["single", "multiple", "truefalse", "numeric", "numeric", "short", "matching"]
    first = result.questions[0]
    assert first.category == "SSE basics" and first.line == 4
    assert first.spec["choices"][0] == {"text": "Its members", "fraction": 1.0,
                                        "feedback": "Right: one member, one vote."}
    assert result.questions[2].spec["feedback_true"] == "Yes."
    assert result.questions[4].spec["answers"][0] == {"value": 3.0, "tolerance": 2.0,
                                                      "fraction": 1.0, "feedback": ""}
    assert "{capital}" in result.questions[5].text


@pytest.mark.django_db
def test_every_type_round_trips_through_gift():
    originals = [make_question(kind) for kind in SPECS]
    text = export_gift(Question.objects.filter(id__in=[q.id for q in originals]))
    parsed = gift.parse(text)
    assert parsed.problems == []
    assert [q.kind for q in parsed.questions] == list(SPECS)
    for question, original in zip(parsed.questions, originals, strict=True):
        assert question.spec == {**original.spec_data()}, question.kind
        assert question.name == original.name
        assert question.general_feedback == original.general_feedback
        assert question.category == "Test bank"


def test_problems_are_reported_with_their_line():
    source = "::ok:: Fine {=a ~b}\n\n::bad:: No answers here\n\n::essay:: Tell us {}\n\n::n:: x {#abc}\n"
    result = gift.parse(source)
    assert [line for line, _ in result.problems] == [3, 5, 7]
    assert "no answers" in result.problems[0][1]
    assert "essay" in result.problems[1][1]
    assert "not a number" in result.problems[2][1]


@pytest.mark.django_db
def test_a_file_with_one_error_saves_nothing(tmp_path):
    path = tmp_path / "bank.gift"
    path.write_text("::ok:: Fine {=a ~b}\n\n::broken:: {=}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_gift", str(path), category="Imported")
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_import_command_dry_run_then_import(tmp_path, capsys):
    path = tmp_path / "bank.gift"
    path.write_text(MOODLE_SAMPLE, encoding="utf-8")
    call_command("import_gift", str(path), dry_run=True)
    assert "would import 7" in capsys.readouterr().out
    assert not Question.objects.exists()
    call_command("import_gift", str(path), language="fr")
    assert Question.objects.filter(locale__language_code="fr").count() == 7


@pytest.mark.django_db
def test_import_needs_a_category(tmp_path):
    _questions, problems = import_gift("::q:: Fine {=a ~b}\n")
    assert problems and "no category" in problems[0][1]


@pytest.mark.django_db
def test_export_command_writes_a_file(tmp_path):
    make_question("ordering")
    out = tmp_path / "out.gift"
    call_command("export_gift", output=str(out))
    assert ">Find the need >Generate ideas" in out.read_text(encoding="utf-8")


def test_import_refuses_binary_files(tmp_path):
    path = tmp_path / "bank.gift"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(CommandError, match="not a UTF-8"):
        call_command("import_gift", str(path))


def test_texts_with_special_characters_round_trip():
    specs = {
        "ordering": {"items": ["x > y", "Ready!", "50% done", "a: b"]},
        "matching": {"pairs": [{"prompt": "A -> B", "match": "one > two"},
                               {"prompt": "C", "match": "D"}]},
        "likert": {"statements": ["Ready? Yes!", "*starred*"],
                   "scale": [{"label": "No!", "points": 0}, {"label": "Yes?", "points": 1}],
                   "bands": [{"min_score": 0, "feedback": "Keep going!"}]},
    }
    text = gift.write(("Cat", f"{kind} q", "Text: with {braces}", kind, spec, "")
                      for kind, spec in specs.items())
    parsed = gift.parse(text)
    assert parsed.problems == []
    for question, (kind, spec) in zip(parsed.questions, specs.items(), strict=True):
        assert question.spec == spec, kind
        assert question.text == "Text: with {braces}"


@pytest.mark.parametrize("answers", ["{#nan}", "{#inf:1}", "{#1..inf}", "{>only one}"])
def test_degenerate_answers_are_refused(answers):
    assert gift.parse(f"::q:: Question {answers}\n").problems


def test_a_byte_order_mark_is_ignored(tmp_path, db, capsys):
    path = tmp_path / "bom.gift"
    path.write_bytes("\ufeff$CATEGORY: Bom\n\n::q:: Fine {=a ~b}\n".encode("utf-8"))
    call_command("import_gift", str(path))
    assert Question.objects.get().category.name == "Bom"
