"""Taking a quiz: start, answer (autosave), submit, review. Thin: rules live in services."""

from django.contrib import messages
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from courses.http import post_only, refusing
from courses.links import dashboard_url
from courses.permissions import Refused

from . import services
from .models import Attempt
from .permissions import open_quiz, quiz_by_id, quiz_of_attempt
from .presenting import form_items, review_items


def own_attempt(request, attempt_id):
    attempt = Attempt.objects.filter(pk=attempt_id).first()
    if attempt is None or not request.user.is_authenticated or attempt.user_id != request.user.id:
        raise Refused(404, _("This attempt does not exist."))
    return attempt


def open_attempt(request, attempt_id, locked=False):
    """The learner's own attempt, its quiz and the quiz's rules (rules_of), which they
    may still work on. `locked`: the attempt is locked for the caller's transaction."""
    if locked:
        attempt = services.locked_attempt(attempt_id, request.user)
    else:
        attempt = own_attempt(request, attempt_id)
    quiz, translations = quiz_of_attempt(attempt)
    open_quiz(request, quiz)
    return attempt, quiz, services.rules_of(quiz, translations)


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@post_only
def start(request, page_id):
    quiz = quiz_by_id(page_id)
    course = open_quiz(request, quiz)
    attempt, _created = services.start_attempt(quiz, request.user, course.translation_key)
    return redirect("sse_quizzes:attempt", attempt_id=attempt.pk)


@refusing
def attempt_page(request, attempt_id):
    attempt, quiz, rules = open_attempt(request, attempt_id)
    attempt = services.finalise_if_overdue(attempt, rules)
    if not attempt.is_open:
        return redirect("sse_quizzes:review", attempt_id=attempt.pk)
    questions = services.questions_for(attempt)
    return render(request, "sse_quizzes/attempt.html", {
        "quiz": quiz, "attempt": attempt, "items": form_items(attempt, questions),
    })


@post_only
def save(request, attempt_id):
    try:
        with transaction.atomic():  # checked and saved under the attempt's lock
            attempt, _quiz, _rules = open_attempt(request, attempt_id, locked=True)
            services.save_locked(attempt, request.POST)
    except Refused as refused:
        if wants_json(request):
            return JsonResponse({"saved": False, "error": refused.message}, status=refused.status)
        raise
    if wants_json(request):
        return JsonResponse({"saved": True})
    messages.success(request, _("Your answers are saved."))
    return redirect("sse_quizzes:attempt", attempt_id=attempt.pk)


@post_only
def submit(request, attempt_id):
    with transaction.atomic():  # checked and graded under the attempt's lock
        attempt, _quiz, rules = open_attempt(request, attempt_id, locked=True)
        services.submit_locked(attempt, request.POST, rules)
    return redirect("sse_quizzes:review", attempt_id=attempt.pk)


@refusing
def review(request, attempt_id):
    attempt, quiz, rules = open_attempt(request, attempt_id)
    if attempt.is_open:
        return redirect("sse_quizzes:attempt", attempt_id=attempt.pk)
    options = rules.review_options(is_closed=services.is_quiz_closed(rules))
    questions = services.questions_for(attempt)
    return render(request, "sse_quizzes/review.html", {
        "quiz": quiz, "attempt": attempt, "options": options,
        "items": review_items(attempt, questions, options),
        "quiz_url": quiz.get_url(request) or dashboard_url(),
    })
