"""Grading of every question type, edge cases included (no database)."""

import pytest

from quizzes.grading import grade, normalise_text, parse_number, right_answer_text

from .quiz_builders import SPECS


@pytest.mark.parametrize("response, fraction", [
    (0, 1.0), (1, 0.0), (None, 0.0)])
def test_single_choice(response, fraction):
    assert grade("single", SPECS["single"], response).fraction == fraction


@pytest.mark.parametrize("response, fraction", [
    ([0, 1], 1.0), ([0], 0.5), ([0, 2], 0.0), ([0, 1, 2], 0.0), ([], 0.0), (None, 0.0)])
def test_multiple_response_partial_credit(response, fraction):
    assert grade("multiple", SPECS["multiple"], response).fraction == fraction


def test_multiple_response_all_or_nothing():
    spec = {**SPECS["multiple"], "partial_credit": False}
    assert grade("multiple", spec, [0]).fraction == 0.0
    assert grade("multiple", spec, [1, 0]).fraction == 1.0


def test_true_false_with_feedback():
    result = grade("truefalse", SPECS["truefalse"], False)
    assert result.fraction == 1.0 and result.feedback == ["Right."]
    assert grade("truefalse", SPECS["truefalse"], True).fraction == 0.0
    assert grade("truefalse", SPECS["truefalse"], None).fraction == 0.0


@pytest.mark.parametrize("response, fraction", [
    ("12.5", 1.0), ("13", 1.0), ("12", 1.0), ("13.0001", 0.5), ("14.5", 0.5), ("14.6", 0.0),
    ("12,5", 1.0), (" 12.5 ", 1.0), ("", 0.0), (None, 0.0), ("abc", 0.0)])
def test_numeric_tolerance_bounds(response, fraction):
    assert grade("numeric", SPECS["numeric"], response).fraction == fraction


@pytest.mark.parametrize("response, fraction", [
    ("Économie sociale", 1.0), ("economie sociale", 1.0), ("  ÉCONOMIE   SOCIALE ", 1.0),
    ("Economie sociale", 1.0), ("économie", 0.0), ("", 0.0), (None, 0.0)])
def test_short_answer_case_accents_and_spaces(response, fraction):
    assert grade("short", SPECS["short"], response).fraction == fraction


def test_short_answer_respects_accents_when_asked():
    spec = {**SPECS["short"], "ignore_accents": False}
    assert grade("short", spec, "economie sociale").fraction == 0.0
    assert grade("short", spec, "ÉCONOMIE SOCIALE").fraction == 1.0


def test_unicode_normalisation_forms_match():
    composed, decomposed = "\u00e9conomie", "e\u0301conomie"
    assert normalise_text(composed) == normalise_text(decomposed)


@pytest.mark.parametrize("response, fraction", [
    ([0, 1, 2], 1.0), ([0, 2, 1], 1 / 3), ([None, None, None], 0.0), (None, 0.0)])
def test_matching(response, fraction):
    assert grade("matching", SPECS["matching"], response).fraction == pytest.approx(fraction)


@pytest.mark.parametrize("response, fraction", [
    ([0, 1, 2, 3], 1.0), ([1, 0, 2, 3], 0.5), ([3, 2, 1, 0], 0.0), (None, 0.0)])
def test_ordering(response, fraction):
    assert grade("ordering", SPECS["ordering"], response).fraction == fraction


def test_self_assessment_has_no_right_answer_and_gives_band_feedback():
    low = grade("likert", SPECS["likert"], [0, 1])
    high = grade("likert", SPECS["likert"], [2, 1])
    assert low.fraction is None and low.score == 1 and low.feedback == ["Start with the basics."]
    assert high.score == 3 and high.feedback == ["You are ready for the next step."]


def test_parse_number():
    assert parse_number("1 200,5") == 1200.5
    assert parse_number("1,800") == 1800 and parse_number("12,345.5") == 12345.5
    assert parse_number("1\u202f800") == 1800
    assert parse_number("-3") == -3
    assert parse_number("1,2,3") is None


def test_right_answers_in_words():
    assert right_answer_text("ordering", SPECS["ordering"]).startswith("Find the need → ")
    assert right_answer_text("numeric", SPECS["numeric"]) == "12.5 ± 0.5 %"
