"""The grading queue and the grading page, for trainers and facilitators (essays.py)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from courses.http import refusing
from courses.models import Cohort
from courses.permissions import Refused, check_signed_in

from . import essays
from .models import QuizPage
from .permissions import quiz_of_attempt
from .services import questions_for


def check_grader(request):
    check_signed_in(request.user, _("Please log in to grade answers."))
    if not essays.is_grader(request.user):
        raise Refused(403, _("Only trainers and facilitators grade answers."))


def chosen_cohort(request):
    value = request.GET.get("cohort", "")
    if not (value.isascii() and value.isdigit()):
        return None
    return essays.facilitated_cohorts(request.user).filter(pk=value).first() \
        or (Cohort.objects.select_related("course").filter(pk=value).first()
            if essays.has_role(request.user, essays.TRAINERS) else None)


@refusing
def queue(request):
    check_grader(request)
    quiz_key = request.GET.get("quiz", "")
    quiz_key = quiz_key if len(quiz_key) == 36 and quiz_key.count("-") == 4 else None
    cohort = chosen_cohort(request)
    attempts = list(essays.queue(request.user, quiz_key=quiz_key, cohort=cohort)[:500])
    titles = dict(QuizPage.objects.filter(translation_key__in={a.quiz_key for a in attempts})
                  .values_list("translation_key", "title"))
    rows = [{"attempt": a, "quiz": titles.get(a.quiz_key, "—"),
             "waiting": sum(1 for r in a.results.values() if r.get("pending"))}
            for a in attempts]
    return render(request, "sse_quizzes/grading/queue.html", {
        "rows": rows, "cohort": cohort, "quiz_key": quiz_key,
        "cohorts": essays.facilitated_cohorts(request.user)})


@refusing
def grade(request, attempt_id):
    check_grader(request)
    attempt = essays.attempt_for_grader(request.user, attempt_id)
    if request.method == "POST":
        key = request.POST.get("question", "")
        slot = next((s for s in essays.essay_slots(attempt) if s["key"] == key), None)
        criteria = len(slot["spec"].get("criteria") or []) if slot else 0
        essays.grade_essay(attempt.pk, key, request.user,
                           levels=[request.POST.get(f"level-{i}") for i in range(criteria)],
                           mark=request.POST.get("mark"),
                           feedback=request.POST.get("feedback", ""))
        messages.success(request, _("The grade is saved."))
        return redirect("sse_quizzes:grade", attempt_id=attempt.pk)
    quiz, _translations = quiz_of_attempt(attempt)
    questions = questions_for(attempt)
    items = []
    for position, slot in enumerate(attempt.layout, start=1):
        if slot["kind"] != "essay":
            continue
        result = attempt.results.get(slot["key"]) or {}
        items.append({
            "position": position, "key": slot["key"], "mark": slot["mark"],
            "text": questions[slot["key"]].text, "spec": slot["spec"],
            "answer": attempt.answers.get(slot["key"]) or "", "result": result,
            "pending": bool(result.get("pending")),
        })
    return render(request, "sse_quizzes/grading/attempt.html", {
        "attempt": attempt, "quiz": quiz, "items": items})
