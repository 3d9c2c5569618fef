"""Trainer pages in the Wagtail admin: GIFT import (with dry run), export, quiz reports."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .bank_io import MAX_GIFT_BYTES
from .bank_io import export_gift as write_gift
from .bank_io import import_gift as run_import
from .models import Question, QuestionCategory
from .question_manager import quiz_for_editor
from .reports import quiz_report
from .reports import report_csv as build_csv


class GiftImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("GIFT file (.txt or .gift, UTF-8)"))
    category = forms.CharField(label=gettext_lazy("Category for questions without $CATEGORY"),
                               required=False, max_length=200)
    dry_run = forms.BooleanField(label=gettext_lazy("Only check the file"), required=False,
                                 initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".txt", ".gift")):
            raise forms.ValidationError(_("Choose a .txt or .gift file."))
        if upload.size > MAX_GIFT_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None


def require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


def import_gift(request):
    require(request.user, "sse_quizzes.add_question")
    form = GiftImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        questions, problems = run_import(form.cleaned_data["file"], form.cleaned_data["category"],
                                         dry_run=form.cleaned_data["dry_run"])
        context.update(questions=questions, problems=problems,
                       dry_run=form.cleaned_data["dry_run"], done=True)
    return render(request, "sse_quizzes/admin/import_gift.html", context,
                  status=400 if context.get("problems") else 200)


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
