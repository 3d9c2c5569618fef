"""Attempts: start, autosave, submit (graded once), and what a learner may review.

Views call these; they check the rules (limits, delays, deadlines, closing time)
and raise Refused with a clear message. Every write is atomic: a refused request
changes nothing. The rules always come from the quiz in the site's default
language (its translations may lag behind), see `rules_of`.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from courses import progress
from courses.permissions import Refused

from .answers import read_responses
from .grading import grade
from .models import Attempt, Question, QuizPage

# A submission sent in the last seconds before the deadline still counts.
GRACE = timedelta(seconds=30)


def rules_of(quiz, translations=None):
    """The quiz whose settings apply: the default-language one, else this one.
    `translations` (the quiz in every language, with locales) spares the query."""
    if translations is not None:
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        return next((q for q in translations if q.locale.language_code == default), quiz)
    source = QuizPage.objects.filter(translation_key=quiz.translation_key,
                                     locale=Locale.get_default()).first()
    return source or quiz


class Snapshot:
    """A question as it was when the attempt started, if the bank changed since."""

    def __init__(self, slot):
        self.kind = slot["kind"]
        self.text = slot.get("text", "")
        self.general_feedback = ""
        self.name = slot.get("name", "")
        self._spec = slot["spec"]

    def spec_data(self):
        return self._spec


def shape(kind, spec):
    return (kind, *(len(spec.get(k) or []) for k in
                    ("choices", "answers", "pairs", "distractors", "items", "statements",
                     "scale")))


def questions_by_key(keys):
    """{key as str: question}, in one query: in the active language where
    translated, else in any language."""
    try:
        active = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        active = None
    chosen = {}
    for question in Question.objects.filter(translation_key__in=keys).annotate(
            language=F("locale__language_code")):
        key = str(question.translation_key)
        if key not in chosen or question.language == active:
            chosen[key] = question
    return chosen


def questions_for(attempt):
    """The attempt's questions in the active language; a question deleted or changed
    in shape since the attempt started is replaced by its snapshot."""
    current = questions_by_key([slot["key"] for slot in attempt.layout])
    questions = {}
    for slot in attempt.layout:
        question = current.get(slot["key"])
        if question is None or shape(question.kind, question.spec_data()) != shape(
                slot["kind"], slot["spec"]):
            question = Snapshot(slot)
        questions[slot["key"]] = question
    return questions


def draw_keys(quiz):
    keys = []
    for block in quiz.questions:
        if block.block_type == "question" and block.value is not None:
            keys.append(str(block.value.translation_key))
        elif block.block_type == "random" and block.value["category"] is not None:
            pool = sorted({str(key) for key in Question.objects.filter(
                category=block.value["category"]).values_list("translation_key", flat=True)}
                - set(keys))
            keys.extend(random.sample(pool, min(block.value["count"], len(pool))))
    return list(dict.fromkeys(keys))  # a question appears once, however it was chosen


def draw_layout(quiz, shuffle=random.shuffle):
    """The questions of a new attempt, each with its display order of options and a
    snapshot of its settings."""
    keys = draw_keys(quiz)
    if quiz.shuffle_questions:
        shuffle(keys)
    questions = questions_by_key(keys)
    layout = []
    for key in keys:
        question = questions[key]
        spec = question.spec_data()
        count = option_count(question.kind, spec)
        order = list(range(count))
        if count > 1 and (quiz.shuffle_choices or question.kind in ("matching", "ordering")):
            shuffle(order)
            if question.kind == "ordering" and count > 2 and order == sorted(order):
                order.reverse()  # an ordering question does not start solved
        layout.append({"key": key, "kind": question.kind, "order": order, "spec": spec,
                       "text": str(question.text), "name": question.name,
                       "mark": float(question.default_mark)})
    return layout


def option_count(kind, spec):
    if kind == "matching":  # the matches, then the wrong ones
        return len(spec["pairs"]) + len(spec.get("distractors") or [])
    return len(spec.get("choices") or spec.get("pairs") or spec.get("items") or [])


def check_can_start(quiz, user, now):
    if quiz.closes_at and now >= quiz.closes_at:
        raise Refused(403, _("This quiz is closed."))
    submitted = Attempt.objects.filter(user=user, quiz_key=quiz.translation_key,
                                       state=Attempt.SUBMITTED)
    summary = submitted.aggregate(count=Count("id"), last=Max("submitted_at"))
    if quiz.max_attempts and summary["count"] >= quiz.max_attempts:
        raise Refused(403, _("You have used all your attempts at this quiz."))
    if quiz.min_delay_minutes and summary["last"]:
        ready_at = summary["last"] + timedelta(minutes=quiz.min_delay_minutes)
        if now < ready_at:
            minutes = int((ready_at - now).total_seconds() // 60) + 1
            raise Refused(403, ngettext("You can try again in %(minutes)s minute.",
                                        "You can try again in %(minutes)s minutes.",
                                        minutes) % {"minutes": minutes})


def start_attempt(quiz, user, course_key):
    """The learner's open attempt, or a new one. Returns (attempt, created)."""
    quiz = rules_of(quiz)
    now = timezone.now()
    existing = Attempt.objects.filter(user=user, quiz_key=quiz.translation_key,
                                      state=Attempt.IN_PROGRESS).first()
    if existing:
        return existing, False
    check_can_start(quiz, user, now)
    layout = draw_layout(quiz)
    if not layout:
        raise Refused(409, _("This quiz has no questions yet."))
    number = (Attempt.objects.filter(user=user, quiz_key=quiz.translation_key)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    deadlines = [d for d in (
        now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None,
        quiz.closes_at) if d]
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                user=user, quiz_key=quiz.translation_key, course_key=course_key, number=number,
                deadline=min(deadlines) if deadlines else None, layout=layout,
                max_score=sum(q["mark"] for q in layout if q["kind"] != "likert"),
            )
    except IntegrityError:  # a simultaneous start won: use its attempt
        return Attempt.objects.get(user=user, quiz_key=quiz.translation_key,
                                   state=Attempt.IN_PROGRESS), False
    return attempt, True


def check_writable(attempt, now):
    if not attempt.is_open:
        raise Refused(409, _("This attempt has already been submitted."))
    if attempt.deadline and now > attempt.deadline + GRACE:
        raise Refused(409, _("The time limit has passed; your saved answers will be graded."))


def save_answers(attempt_id, user, data):
    """Autosave: merge the posted answers into the attempt. Returns the attempt."""
    with transaction.atomic():
        return save_locked(locked_attempt(attempt_id, user), data)


def save_locked(attempt, data):
    """Autosave into an attempt locked by the caller's transaction. Reading answers
    needs only each question's shape, which the attempt's own layout holds: no query
    for the questions."""
    check_writable(attempt, timezone.now())
    snapshots = {slot["key"]: Snapshot(slot) for slot in attempt.layout}
    attempt.answers = {**attempt.answers, **read_responses(attempt.layout, snapshots, data)}
    attempt.save(update_fields=["answers"])
    return attempt


def submit(attempt_id, user, data, quiz):
    """Save the last answers and grade the attempt, exactly once."""
    with transaction.atomic():
        return submit_locked(locked_attempt(attempt_id, user), data, rules_of(quiz))


def submit_locked(attempt, data, rules):
    """Submit an attempt locked by the caller's transaction; `rules` is the quiz whose
    settings apply (rules_of)."""
    now = timezone.now()
    check_writable(attempt, now)
    questions = questions_for(attempt)
    attempt.answers = {**attempt.answers, **read_responses(attempt.layout, questions, data)}
    finish(attempt, questions, rules, now)
    return attempt


def finalise_if_overdue(attempt, quiz):
    """An attempt left open past its deadline is graded on what was saved in time."""
    now = timezone.now()
    if not (attempt.is_open and attempt.deadline and now > attempt.deadline + GRACE):
        return attempt
    quiz = rules_of(quiz)
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.is_open:
            finish(attempt, questions_for(attempt), quiz, attempt.deadline)
    return attempt


def finish(attempt, questions, quiz, when):
    results = {}
    for slot in attempt.layout:
        question = questions[slot["key"]]
        graded = grade(slot["kind"], question.spec_data(), attempt.answers.get(slot["key"]))
        mark = None if graded.fraction is None else round(graded.fraction * slot["mark"], 4)
        results[slot["key"]] = {"fraction": graded.fraction, "mark": mark,
                                "feedback": graded.feedback, "score": graded.score}
        if graded.pending:
            results[slot["key"]]["pending"] = True
    attempt.results = results
    attempt.state, attempt.submitted_at = Attempt.SUBMITTED, when
    conclude(attempt, quiz)


def conclude(attempt, quiz):
    """Score, grade and pass from the attempt's results, unless an essay still waits for
    its grader; then whether the step is complete. Saves the attempt."""
    attempt.awaiting_grading = any(r.get("pending") for r in attempt.results.values())
    score = sum(r["mark"] or 0 for r in attempt.results.values() if not r.get("pending"))
    attempt.score = None if attempt.awaiting_grading else round(score, 4)
    if attempt.awaiting_grading:
        attempt.grade = attempt.passed = None
    else:
        attempt.grade = round(100 * score / attempt.max_score, 2) if attempt.max_score else None
        attempt.passed = attempt.grade is None or attempt.grade >= quiz.pass_mark
    attempt.save()
    if attempt.awaiting_grading:
        return
    # The step is complete when the quiz grade (by the grading method) passes.
    submitted = list(Attempt.objects.filter(user=attempt.user, quiz_key=attempt.quiz_key,
                                            state=Attempt.SUBMITTED, awaiting_grading=False)
                     .order_by("number"))
    quiz_grade = final_grade(submitted, quiz.grading_method)
    if quiz_grade is None or quiz_grade >= quiz.pass_mark:
        progress.complete_step(attempt.user, quiz, attempt.course_key)


def locked_attempt(attempt_id, user):
    attempt = Attempt.objects.select_for_update().filter(pk=attempt_id).first()
    if attempt is None or not user.is_authenticated or attempt.user_id != user.id:
        # Someone else's attempt is indistinguishable from a missing one.
        raise Refused(404, _("This attempt does not exist."))
    attempt.user = user  # the learner is at hand: no query when finish() needs them
    return attempt


def final_grade(attempts, method):
    """The quiz grade from submitted attempts (oldest first), by the grading method."""
    grades = [a.grade for a in attempts if a.grade is not None]
    if not grades:
        return None
    return {"highest": max(grades), "last": grades[-1], "first": grades[0],
            "average": round(sum(grades) / len(grades), 2)}[method]


def quiz_summary(quiz, user):
    """What the quiz page shows a learner: attempts, grade, whether they may start."""
    rules = rules_of(quiz)
    attempts = list(Attempt.objects.filter(user=user, quiz_key=quiz.translation_key))
    attempts = [finalise_if_overdue(a, rules) for a in attempts]
    submitted = [a for a in attempts if not a.is_open]
    open_attempt = next((a for a in attempts if a.is_open), None)
    refusal = None
    if open_attempt is None:
        try:
            check_can_start(rules, user, timezone.now())
        except Refused as refused:
            refusal = refused.message
    shows_marks = rules.review_options(is_quiz_closed(rules))["marks"]
    return {
        "attempts": submitted,
        "open_attempt": open_attempt,
        "quiz_grade": final_grade(submitted, rules.grading_method) if shows_marks else None,
        "shows_marks": shows_marks,
        "cannot_start": refusal,
    }


def is_quiz_closed(quiz):
    return bool(quiz.closes_at and timezone.now() >= quiz.closes_at)
