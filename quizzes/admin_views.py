"""Trainer pages in the Wagtail admin: GIFT export and quiz reports (import: gift_import_views)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from .bank_io import export_gift as write_gift
from .models import Question, QuestionCategory
from .question_manager import quiz_for_editor
from .reports import quiz_report
from .reports import report_csv as build_csv


def require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


def export_gift(request):
    require(request.user, "sse_quizzes.view_question")
    questions = Question.objects.all()
    category = request.GET.get("category", "")
    if category.isascii() and category.isdigit():
        questions = questions.filter(category=get_object_or_404(QuestionCategory, pk=category))
    response = HttpResponse(write_gift(questions), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="questions.gift.txt"'
    return response


def report(request, page_id):
    quiz = quiz_for_editor(request, page_id)
    return render(request, "sse_quizzes/admin/report.html", {"quiz": quiz, **quiz_report(quiz)})


def report_csv(request, page_id):
    quiz = quiz_for_editor(request, page_id)
    response = HttpResponse(build_csv(quiz), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="quiz-{quiz.id}-report.csv"'
    return response
