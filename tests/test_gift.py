"""GIFT import and export, construct by construct as Moodle reads and writes them (its
GIFT documentation): every type round-trips; any error saves nothing; what the bank
cannot hold is left out only when the trainer asks. The samples are our own."""

import pytest
from django.core.management import CommandError, call_command
from django.template import Context, Template

from quizzes import gift
from quizzes.bank_io import check_gift, check_gift_file, export_gift, import_gift
from quizzes.grading import grade
from quizzes.models import Question, QuestionCategory
from quizzes.presenting import form_item

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


def only(source):
    result = gift.parse(source)
    assert result.problems == [] and result.unsupported == [], result
    assert len(result.questions) == 1
    return result.questions[0]


def refused(source):
    result = gift.parse(source)
    assert result.questions == [], result.questions
    return result.problems[0][1]


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


# ---- question types ----------------------------------------------------------------

def test_missing_word_puts_a_blank_where_the_answers_were():
    question = only("::Gap:: Members meet at the {~weekly =annual ~daily} general assembly.")
    assert question.text == "Members meet at the _____ general assembly."
    assert question.kind == "single"


def test_true_false_in_every_spelling_with_feedback():
    for value, answer in (("T", True), ("TRUE", True), ("F", False), ("FALSE", False)):
        assert only(f"Coops are businesses. {{{value}}}").spec["answer"] is answer
    question = only("Coops pay no tax. {F #Wrong: they do. #Right: they pay taxes.}")
    assert question.spec == {"answer": False, "feedback_true": "Wrong: they do.",
                             "feedback_false": "Right: they pay taxes."}


def test_an_answer_without_equals_sign_is_a_short_answer():
    question = only("The capital of Senegal is {Dakar}.")
    assert question.kind == "short"
    assert question.spec["answers"] == [{"text": "Dakar", "fraction": 1.0, "feedback": ""}]


def test_short_answer_catch_all_accepts_any_answer_as_in_moodle():
    question = only("::Org:: Name an SSE organisation. {=cooperative#Yes. "
                    "=%50%association#Partly. =%0%*#Any other answer: look at chapter 1.}")
    answers = question.spec["answers"]
    assert answers[2] == {"text": "*", "fraction": 0.0,
                          "feedback": "Any other answer: look at chapter 1."}
    assert grade("short", question.spec, "a bank").feedback == [
        "Any other answer: look at chapter 1."]
    assert grade("short", question.spec, "Cooperative").fraction == 1.0
    # * inside an answer too: colo*r takes colour and color
    spelling = only("Name the hue. {=colo*r}").spec
    assert grade("short", spelling, "colour").fraction == 1.0
    assert grade("short", spelling, "colours").fraction == 0.0


def test_matching_with_a_wrong_match_offered_to_every_prompt():
    question = only("::Forms:: Match each form. {\n =Cooperative -> members\n"
                    " =Foundation -> an endowment\n = -> shareholders\n}")
    assert question.spec == {"pairs": [{"prompt": "Cooperative", "match": "members"},
                                       {"prompt": "Foundation", "match": "an endowment"}],
                             "distractors": ["shareholders"]}
    slot = {"kind": "matching", "order": [2, 0, 1], "mark": 1.0}
    item = form_item(1, slot, make_spec_holder(question), None)
    assert [row["prompt"] for row in item["rows"]] == ["Cooperative", "Foundation"]
    assert [option["text"] for option in item["rows"][0]["options"]] == [
        "shareholders", "members", "an endowment"]
    assert grade("matching", question.spec, [2, 1]).fraction == 0.5  # the wrong match is wrong


def make_spec_holder(parsed):
    class Holder:
        text = parsed.text_html

        def spec_data(self):
            return parsed.spec
    return Holder()


@pytest.mark.parametrize("answers", [
    "{#=%100%3:2#Right ~#Completely wrong}",  # one line
    "{#3:2#Right~#Completely wrong}",  # compact
    "{#\n\t=%100%3:2#Right\n\t~#Completely wrong\n}",  # as Moodle exports it
])
def test_numeric_feedback_for_a_wrong_answer_goes_to_wrong_answers(answers):
    question = only(f"::N:: A number from 1 to 5? {answers}")
    assert question.spec["answers"] == [{"value": 3.0, "tolerance": 2.0, "fraction": 1.0,
                                         "feedback": "Right"}]
    assert question.spec["wrong_feedback"] == "Completely wrong"
    assert grade("numeric", question.spec, "4").feedback == ["Right"]
    assert grade("numeric", question.spec, "9").feedback == ["Completely wrong"]


def test_numeric_answers_with_partial_credit_and_ranges():
    question = only("When was the ILO founded? {#\n =1919:0\n =%50%1919:2#Close.\n}")
    assert [(a["value"], a["tolerance"], a["fraction"]) for a in question.spec["answers"]] == [
        (1919.0, 0.0, 1.0), (1919.0, 2.0, 0.5)]
    assert only("Negative? {#-3.5:0.5}").spec["answers"][0]["value"] == -3.5
    assert only("Big {#1e6:10}").spec["answers"][0]["value"] == 1_000_000.0


def test_multiple_response_grades_must_add_up_to_100():
    assert "add up to 90 %" in refused("Pick. {~%50%a ~%40%b ~c}")
    assert "37 % is not one of Moodle's grades" in refused("Pick. {~%37%a ~%63%b}")
    assert "no answer is worth 100 %" in refused("Pick. {=%50%a ~b}")
    assert "no answer is worth 100 %" in refused("Name it. {=%50%a}")


def test_an_unescaped_equals_sign_in_numeric_feedback_is_refused_with_a_hint():
    message = refused("Share? {#20:0#Right: 4 ÷ 20 = a fifth}")
    assert "is not a number" in message and "\\=" in message


# ---- formats ---------------------------------------------------------------------

def render(question):
    return Template("{% load wagtailcore_tags %}{{ text|richtext }}").render(
        Context({"text": question.text_html}))


def test_html_question_text_is_shown_as_html_and_sanitised():
    question = only('::H::[html]<p>Who <b>owns</b> it?</p><script>alert(1)</script>'
                    '<a href="javascript:alert(2)" onclick="x()">link</a> {=members ~nobody}')
    shown = render(question)
    assert "<b>owns</b>" in shown and "&lt;b&gt;" not in shown
    assert "script" not in shown and "javascript" not in shown and "onclick" not in shown
    assert question.text == "Who owns it?\nlink"


def test_each_format_of_the_question_text():
    assert only("[markdown]Is *this* **key**? {T}").text_html == \
        "<p>Is <em>this</em> <strong>key</strong>?</p>"
    assert only("[plain]Is <b> a tag? {T}").text_html == "<p>Is &lt;b&gt; a tag?</p>"
    assert only("[moodle]First line\\nsecond <i>line</i> {T}").text_html == \
        "<p>First line<br>second <i>line</i></p>"
    # without a prefix, GIFT's default is [moodle]: HTML is HTML
    assert only("Is <b>this</b> bold? {T}").text_html == "<p>Is <b>this</b> bold?</p>"


def test_format_prefixes_on_answers_feedback_general_feedback_and_prompts():
    question = only("::F::[html]Colour? {\n =yellow#[plain]right <b>\n"
                    " ~[plain]blue#[html]<i>wrong</i>\n ~[markdown]*red*\n"
                    " ####[html]<p>Between orange &amp; green.</p>\n}")
    assert question.spec["choices"] == [
        {"text": "yellow", "fraction": 1.0, "feedback": "right <b>"},
        {"text": "blue", "fraction": 0.0, "feedback": "wrong"},
        {"text": "red", "fraction": 0.0, "feedback": ""}]
    assert question.general_feedback == "Between orange & green."
    match = only("[html]Match {=[html]<b>A</b> -> 1 =[plain]B -> 2}")
    assert [pair["prompt"] for pair in match.spec["pairs"]] == ["A", "B"]
    short = only("Name it {=[html]Dakar#[html]<b>Yes</b>}")
    assert short.spec["answers"][0] == {"text": "Dakar", "fraction": 1.0, "feedback": "Yes"}


# ---- names, escapes, categories, comments ----------------------------------------

def test_escapes_are_moodles():
    question = only("::a\\:b:: Cost\\: 2 \\= 1 + 1 \\{ok\\} \\#1 \\~ C:\\\\dir \\d{=yes}")
    assert question.name == "a:b"
    assert question.text == "Cost: 2 = 1 + 1 {ok} #1 ~ C:\\dir \\d"
    assert only("Two lines\\nhere {T}").text == "Two lines\nhere"


def test_no_break_spaces_of_french_typography_are_kept():
    question = only("::Prix\u00a0?:: Combien coûte un sac\u00a0? {#2000#Oui\u00a0!}")
    assert question.name == "Prix\u00a0?" and question.text == "Combien coûte un sac\u00a0?"


def test_a_question_without_a_title_is_named_from_its_text():
    assert only("// a comment\nHow many members vote? {#1}").name == "How many members vote?"


def test_course_context_and_top_are_not_part_of_the_category():
    result = gift.parse("$CATEGORY: $course$/top/SSE basics/Principles\n\nQ {T}\n\n"
                        "$CATEGORY: $system$/top\n\nR {T}\n\n$CATEGORY: Plain name\n\nS {T}\n")
    assert [q.category for q in result.questions] == ["SSE basics/Principles", "", "Plain name"]


def test_id_numbers_and_tags_in_comments_are_kept(db):
    source = ("$CATEGORY: Tagged\n\n// question: 12  name: Vote\n"
              "// [id:COOP-1] [tag:governance] [tag:one \\] vote]\n"
              "::Vote:: One member, one vote? {T}\n\n"
              "// [tag:other]\n\n::Untagged:: A comment above a blank line is not its. {F}\n")
    check = import_gift(source)
    assert check.problems == [] and check.notes == []
    vote = Question.objects.get(name="Vote")
    assert vote.idnumber == "COOP-1"
    assert sorted(vote.tags.names()) == ["governance", "one ] vote"]
    assert not Question.objects.get(name="Untagged").tags.exists()
    again = import_gift(source)  # Moodle keeps id numbers unique in a category
    assert again.notes == [(5, "id number “COOP-1” is already used in “Tagged”: "
                               "imported without it")]
    assert Question.objects.filter(idnumber="COOP-1").count() == 1


# ---- what the bank cannot hold ---------------------------------------------------

PLANS_FILE = """$CATEGORY: Plans

::Intro:: Read the case, then answer.

::Idea:: Which need does your idea meet? {=a real need ~a fashion}

::Essay:: Describe your business idea. {####Think of your clients.}

::Outro:: Thank you.
"""


def test_descriptions_block_the_file_unless_left_out_on_request(db):
    check = import_gift(PLANS_FILE)
    assert [line for line, _message in check.problems] == [3, 9]
    assert "“Intro”: description (text without answers) is not supported" in check.problems[0][1]
    assert not Question.objects.exists()
    check = import_gift(PLANS_FILE, skip_unsupported=True)
    assert check.problems == [] and [line for line, _m in check.skipped] == [3, 9]
    assert sorted((q.name, q.kind) for q in Question.objects.all()) == [
        ("Essay", "essay"), ("Idea", "single")]
    assert check_gift(PLANS_FILE)[1]  # the admin's first check still reports them


def test_the_command_leaves_out_unsupported_questions_only_when_asked(db, tmp_path, capsys):
    path = tmp_path / "plans.gift"
    path.write_text(PLANS_FILE, encoding="utf-8")
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_gift", str(path))
    assert "plans.gift:9: “Outro”: description" in capsys.readouterr().err
    call_command("import_gift", str(path), skip_unsupported=True, dry_run=True)
    out = capsys.readouterr().out
    assert "plans.gift:3: left out: “Intro”: description" in out
    assert "would import 2 question(s), left out 2." in out
    assert not Question.objects.exists()
    call_command("import_gift", str(path), skip_unsupported=True)
    assert Question.objects.count() == 2


# ---- export ----------------------------------------------------------------------

RICH_FILE = """$CATEGORY: Round trip

// [id:RT-1] [tag:coop] [tag:sse]
::Owners::[html]<p>Who <b>owns</b> a coop?</p>{
\t=Members#Yes: one member, one vote.
\t~Investors#No -> they invest.
\t~%-50%Nobody
\t####[html]See <i>chapter 2</i>.
}

::Principles::[markdown]Which *two*?{~%50%Democracy ~%50%Voluntary ~%-100%Profit first}

// [all-or-nothing]
::All::Both?{~%50%a ~%50%b ~%-100%c}

::TF::Coops pay tax.{TRUE#Look again.#Yes.}

::Number::Reserve share (%)?{#=%100%20:1#Right. =%50%20:5#Close. ~#See the rules.}

// [unit:%]
::Unit::Share?{#25}

// [case-sensitive] [ignore-accents]
::Short::Name the economy{=Économie sociale#Oui =%50%ESS =%0%*#Look at chapter 1 \\= 2}

::Match::Match{=A -> B -> x =C \\= 1 -> D \\~ d =%odd -> E = -> a wrong one}

::Order::Order these{>first >x \\> y >last}

::Scale::Rate{?I can ?I know *0 No *2 Yes !0 Start !3 Go}
"""


def roundtrip(db_questions):
    return gift.parse(export_gift(db_questions))


def comparable(question):
    return (question.name, question.kind, question.spec, question.text_html, question.category,
            question.general_feedback, sorted(question.tags), question.idnumber)


def test_import_export_import_gives_the_same_questions(db):
    first = import_gift(RICH_FILE)
    assert first.problems == [], first.problems
    again = roundtrip(Question.objects.all())
    assert again.problems == [] and again.unsupported == []
    assert [comparable(q) for q in again.questions] == [comparable(q) for q in first.questions]


def test_the_export_is_what_moodle_reads(db):
    import_gift(RICH_FILE)
    text = export_gift(Question.objects.all())
    assert "::Owners::[html]<p>Who <b>owns</b> a coop?</p>{" in text
    assert "\t~Investors#No -&gt; they invest." in text  # HTML, like the question
    assert "\t####See <i>chapter 2</i>." not in text  # general feedback is plain here
    assert "// [id:RT-1] [tag:coop] [tag:sse]" in text
    assert "\t=%100%20:1#Right.\n\t=%50%20:5#Close.\n\t~#See the rules.\n}" in text
    assert "\t=A -> B -> x\n" in text and "\t= -> a wrong one\n" in text
    assert "\t=%0%*#Look at chapter 1 \\= 2" in text
    assert "// [case-sensitive] [ignore-accents]" in text and "// [unit:%]" in text
    moodle_types = text.split("::Order::")[0]
    assert "\\>" not in moodle_types  # Moodle keeps the backslash of \>
    # every escape in the Moodle types is one Moodle reads
    assert set(moodle_types.split("\\")[1:]) and all(
        part[:1] in ":#={}~n\\" for part in moodle_types.split("\\")[1:])


def test_every_type_round_trips_through_gift(db):
    originals = [make_question(kind) for kind in SPECS]
    parsed = roundtrip(Question.objects.filter(id__in=[q.id for q in originals]))
    assert parsed.problems == []
    assert [q.kind for q in parsed.questions] == list(SPECS)
    for question, original in zip(parsed.questions, originals, strict=True):
        assert question.spec == {**original.spec_data()}, question.kind
        assert question.name == original.name
        assert question.text_html == original.text
        assert question.general_feedback == original.general_feedback
        assert question.category == "Test bank"


def test_texts_with_special_characters_round_trip():
    specs = {
        "ordering": {"items": ["x > y", "Ready!", "50% done", "a: b"]},
        "matching": {"pairs": [{"prompt": "A -> B", "match": "one > two"},
                               {"prompt": "%C [html]", "match": "D # = ~"}],
                     "distractors": ["{E}"]},
        "likert": {"statements": ["Ready? Yes!", "*starred*"],
                   "scale": [{"label": "No!", "points": 0}, {"label": "Yes?", "points": 1}],
                   "bands": [{"min_score": 0, "feedback": "Keep going!"}]},
        "single": {"choices": [{"text": "%50% <off>", "fraction": 1.0, "feedback": "a\nb"},
                               {"text": "[plain] x", "fraction": 0.0, "feedback": "#"}]},
    }
    text = gift.write(gift.GiftQuestion("Cat", f"{kind} q", "<p>Text: with {braces}</p>", kind,
                                        spec) for kind, spec in specs.items())
    assert "=A -&gt; B -> one > two" in text  # Moodle has no escape for -> (nor \\>)
    parsed = gift.parse(text)
    assert parsed.problems == []
    for question, (kind, spec) in zip(parsed.questions, specs.items(), strict=True):
        expected = spec if kind != "single" else {"choices": [
            {**spec["choices"][0], "feedback": "a b"}, spec["choices"][1]]}
        assert question.spec == expected, kind
        assert question.text == "Text: with {braces}"


# ---- the file as a whole ---------------------------------------------------------

def test_problems_are_reported_with_their_line():
    source = "::ok:: Fine {=a ~b}\n\n::bad:: No { answers here\n\n::n:: x {#abc}\n"
    result = gift.parse(source)
    assert [line for line, _ in result.problems] == [3, 5]
    assert "{ or } is missing" in result.problems[0][1]
    assert "not a number" in result.problems[1][1]


def test_a_file_with_one_error_saves_nothing(tmp_path, db):
    path = tmp_path / "bank.gift"
    path.write_text("::ok:: Fine {=a ~b}\n\n::broken:: {=}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_gift", str(path), category="Imported")
    assert not Question.objects.exists()


def test_import_command_dry_run_then_import(tmp_path, capsys, db):
    path = tmp_path / "bank.gift"
    path.write_text(MOODLE_SAMPLE, encoding="utf-8")
    call_command("import_gift", str(path), dry_run=True)
    assert "would import 7" in capsys.readouterr().out
    assert not Question.objects.exists()
    call_command("import_gift", str(path), language="fr")
    assert Question.objects.filter(locale__language_code="fr").count() == 7


def test_import_needs_a_category(db):
    check = check_gift_file("::q:: Fine {=a ~b}\n")
    assert check.problems and "no category" in check.problems[0][1]
    assert not QuestionCategory.objects.filter(name="").exists()


def test_export_command_writes_a_file(tmp_path, db):
    make_question("ordering")
    out = tmp_path / "out.gift"
    call_command("export_gift", output=str(out))
    assert ">Find the need >Generate ideas" in out.read_text(encoding="utf-8")


def test_import_refuses_binary_files(tmp_path):
    path = tmp_path / "bank.gift"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(CommandError, match="not a UTF-8"):
        call_command("import_gift", str(path))


@pytest.mark.parametrize("answers", ["{#nan}", "{#inf:1}", "{#1..inf}", "{>only one}",
                                     "{#1_000}"])
def test_degenerate_answers_are_refused(answers):
    assert gift.parse(f"::q:: Question {answers}\n").problems


def test_a_byte_order_mark_is_ignored(tmp_path, db, capsys):
    path = tmp_path / "bom.gift"
    path.write_bytes("\ufeff$CATEGORY: Bom\n\n::q:: Fine {=a ~b}\n".encode())
    call_command("import_gift", str(path))
    assert Question.objects.get().category.name == "Bom"


def test_options_written_inside_the_braces_by_older_exports_are_still_read():
    question = only("::S:: Name it {[case-sensitive] [ignore-accents] =Économie}")
    assert question.spec["ignore_case"] is False and question.spec["ignore_accents"] is True
    assert only("::N:: Share {[unit: %] #25}").spec["unit"] == "%"
