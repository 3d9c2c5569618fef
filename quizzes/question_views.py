"""The question snippet's create and edit views, opened from a quiz's Questions page
(?for_quiz=<page id>): saving returns there, and a new question joins the quiz."""

from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.utils import set_query_params
from wagtail.snippets.views.snippets import CreateView, EditView

from . import quiz_editing
from .question_manager import manager_url, quiz_for_editor


class ForQuizMixin:
    @cached_property
    def quiz(self):
        """The quiz the trainer came from, checked like the Questions page (404/403)."""
        value = self.request.GET.get("for_quiz", "")
        if not value:
            return None
        if not (value.isascii() and value.isdigit()):
            raise Http404
        return quiz_for_editor(self.request, int(value))

    def dispatch(self, request, *args, **kwargs):
        self.quiz  # noqa: B018 — refuse a wrong quiz before showing the form
        return super().dispatch(request, *args, **kwargs)

    def keep_quiz(self, url):
        return set_query_params(url, {"for_quiz": self.quiz.id}) if self.quiz else url

    def get_success_url(self):
        return manager_url(self.quiz) if self.quiz else super().get_success_url()


class QuestionCreateView(ForQuizMixin, CreateView):
    def get_add_url(self):
        return self.keep_quiz(super().get_add_url())

    def save_instance(self):
        question = super().save_instance()
        if self.quiz:
            quiz_editing.add_questions(self.quiz, self.request.user, [question])
        return question


class QuestionEditView(ForQuizMixin, EditView):
    def get_edit_url(self):
        return self.keep_quiz(super().get_edit_url())
