"""The quiz's "Questions" page in the admin: its questions in order (move, remove), the
question bank searched and filtered (text, category, type, language) with several
questions ticked and added at once, and a new question written in place."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.utils import set_query_params
from wagtail.models import Locale, Page

from . import quiz_editing
from .models import Question, QuestionCategory, QuizPage
from .question_blocks import QUESTION_TYPE_BLOCKS

KIND_LABELS = {name: block.meta.label for name, block in QUESTION_TYPE_BLOCKS}
PER_PAGE = 25


def quiz_for_editor(request, page_id):
    """The quiz, if the user may edit it: 404 for another page, 403 without the right."""
    page = get_object_or_404(Page, id=page_id).specific
    if not isinstance(page, QuizPage):
        raise_not_found()
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def raise_not_found():
    raise Http404(_("This page is not a quiz."))


def manager_url(quiz, query=""):
    url = reverse("sse_quizzes_questions", args=[quiz.id])
    return f"{url}?{query}" if query else url


class BankFilter(forms.Form):
    q = forms.CharField(label=gettext_lazy("Words in the name or text"), required=False,
                        max_length=200)
    category = forms.ModelChoiceField(label=gettext_lazy("Category"), required=False,
                                      queryset=QuestionCategory.objects.all(),
                                      empty_label=gettext_lazy("All categories"))
    kind = forms.ChoiceField(label=gettext_lazy("Type"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)

    def __init__(self, data, quiz):
        data = data.copy()
        data.setdefault("language", quiz.locale.language_code)
        super().__init__(data)
        self.fields["kind"].choices = [("", _("All types"))] + list(KIND_LABELS.items())
        self.fields["language"].choices = [("", _("All languages"))] + [
            (locale.language_code, locale.get_display_name())
            for locale in Locale.objects.order_by("language_code")]

    def questions(self):
        found = Question.objects.select_related("category", "locale").order_by(
            "category__name", "name", "id")
        if not self.is_valid():
            return found.none()
        data = self.cleaned_data
        for word in data["q"].split()[:10]:
            found = found.filter(Q(name__icontains=word) | Q(text__icontains=word))
        if data["category"]:
            found = found.filter(category=data["category"])
        if data["kind"]:
            found = found.filter(spec__0__type=data["kind"])
        if data["language"]:
            found = found.filter(locale__language_code=data["language"])
        return found


def row_for(block, questions):
    question = questions.get(block["value"]) if block["type"] == "question" else None
    row = {"id": block["id"], "type": block["type"], "question": question}
    if question is not None:
        row["kind"] = KIND_LABELS.get(question.kind, "")
        row["edit_url"] = question_edit_url(question)
    elif block["type"] == "random":
        category = QuestionCategory.objects.filter(pk=block["value"].get("category")).first()
        row["random"] = {"count": block["value"].get("count"), "category": category}
    return row


def question_edit_url(question, quiz=None):
    url = reverse("wagtailsnippets_sse_quizzes_question:edit", args=[question.pk])
    return set_query_params(url, {"for_quiz": quiz.id}) if quiz else url


def manage(request, page_id):
    quiz = quiz_for_editor(request, page_id)
    blocks = quiz_editing.entries(quiz)
    in_quiz = quiz_editing.questions_of(blocks)
    rows = [row_for(block, in_quiz) for block in blocks]
    for row in rows:
        if row["question"] is not None:
            row["edit_url"] = question_edit_url(row["question"], quiz)
    bank = BankFilter(request.GET, quiz)
    results = Paginator(bank.questions(), PER_PAGE).get_page(request.GET.get("p"))
    for question in results:
        question.kind_label = KIND_LABELS.get(question.kind, "")
        question.in_quiz = question.pk in in_quiz
    filters = request.GET.copy()
    filters.pop("p", None)
    permissions = quiz.permissions_for_user(request.user)
    new_question_url = set_query_params(
        reverse("wagtailsnippets_sse_quizzes_question:add"),
        {"for_quiz": quiz.id, "locale": quiz.locale.language_code})
    return render(request, "sse_quizzes/admin/quiz_questions.html", {
        "quiz": quiz, "rows": rows, "bank": bank, "results": results,
        "filters": filters.urlencode(),
        "can_add_question": request.user.has_perm("sse_quizzes.add_question"),
        "new_question_url": new_question_url,
        "draft_pending": quiz.has_unpublished_changes,
        "can_publish": permissions.can_publish() and not quiz.workflow_in_progress,
        "move_url": reverse("sse_quizzes_question_move", args=[quiz.id, "999999"]),
    })


def post_only(view):
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, *args, **kwargs)
    wrapper.__name__ = view.__name__
    return wrapper


def ids_from(values):
    if not all(value.isascii() and value.isdigit() for value in values):
        return None
    return [int(value) for value in values]


@post_only
def add(request, page_id):
    return add_ticked(request, quiz_for_editor(request, page_id))


@post_only
def add_to_chosen_quiz(request):
    """The GIFT import's "add them to a quiz": the quiz is chosen in the form."""
    quiz_id = request.POST.get("quiz", "")
    if not (quiz_id.isascii() and quiz_id.isdigit()):
        return HttpResponseBadRequest(_("Choose a quiz."))
    return add_ticked(request, quiz_for_editor(request, int(quiz_id)))


def add_ticked(request, quiz):
    back = manager_url(quiz, request.POST.get("filters", ""))
    values = request.POST.getlist("question")
    if not values:
        messages.warning(request, _("Tick the questions to add first."))
        return redirect(back)
    ids = ids_from(values)
    questions = Question.objects.in_bulk(ids) if ids else {}
    if ids is None or len(questions) != len(set(ids)):
        return HttpResponseBadRequest(_("Unknown questions: nothing was added."))
    added = quiz_editing.add_questions(quiz, request.user, [questions[pk] for pk in ids])
    messages.success(request, ngettext(
        "%(count)s question added to the quiz (saved as a draft).",
        "%(count)s questions added to the quiz (saved as a draft).", len(added))
        % {"count": len(added)})
    return redirect(back)


@post_only
def remove(request, page_id, block_id):
    quiz = quiz_for_editor(request, page_id)
    try:
        quiz_editing.remove_block(quiz, request.user, block_id)
    except quiz_editing.QuizChangeRefused:
        raise_not_found()
    messages.success(request, _("Question removed from the quiz (saved as a draft)."))
    return redirect(manager_url(quiz, request.POST.get("filters", "")))


@post_only
def move(request, page_id, block_id):
    """Drag and drop sends ?position=N (Wagtail's orderable controller); the buttons
    without JavaScript send direction=up|down."""
    try:
        quiz = quiz_for_editor(request, page_id)
    except PermissionDenied:
        if request.POST.get("direction"):
            raise
        # The drag's fetch must see the refusal (the admin would redirect it to a 200).
        return HttpResponseForbidden(_("You may not edit this quiz."))
    blocks = quiz_editing.entries(quiz)
    index = next((i for i, block in enumerate(blocks) if block["id"] == block_id), None)
    if index is None:
        raise_not_found()
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        position = index - 1 if direction == "up" else index + 1
    else:
        position = request.GET.get("position", "")
        if not (position.isascii() and position.isdigit()):
            return HttpResponseBadRequest(_("Give the new position."))
        position = int(position)
    try:
        quiz_editing.move_block(quiz, request.user, block_id, position)
    except quiz_editing.QuizChangeRefused:
        raise_not_found()
    if direction:
        return redirect(manager_url(quiz, request.POST.get("filters", "")))
    return HttpResponse(status=204)


@post_only
def publish(request, page_id):
    quiz = quiz_for_editor(request, page_id)
    if not quiz.permissions_for_user(request.user).can_publish() or quiz.workflow_in_progress:
        raise PermissionDenied
    revision = quiz.get_latest_revision()
    if revision is not None and quiz.has_unpublished_changes:
        revision.publish(user=request.user, log_action=True)
        messages.success(request, _("The quiz is published."))
    return redirect(manager_url(quiz))
