from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.role_setup import TRAINER_PERMISSIONS_HOOK

from . import admin_views, gift_import_views, question_manager
from .models import Question, QuestionCategory, QuizPage
from .question_views import QuestionCreateView, QuestionEditView


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    list_display = ["name", "category", "kind", "locale"]
    list_filter = ["category", "locale"]
    search_fields = ["name"]
    add_view_class = QuestionCreateView
    edit_view_class = QuestionEditView


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"


class QuestionBankGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuestionCategoryViewSet)
    menu_label = _("Question bank")
    menu_icon = "help"
    menu_order = 250


register_snippet(QuestionBankGroup)


@hooks.register("register_admin_urls")
def quiz_admin_urls():
    return [
        path("quizzes/import-gift/", gift_import_views.import_gift, name="sse_quizzes_import_gift"),
        path("quizzes/export-gift/", admin_views.export_gift, name="sse_quizzes_export_gift"),
        path("quizzes/<int:page_id>/report/", admin_views.report, name="sse_quizzes_report"),
        path("quizzes/<int:page_id>/report.csv", admin_views.report_csv, name="sse_quizzes_report_csv"),
        path("quizzes/<int:page_id>/questions/", question_manager.manage,
             name="sse_quizzes_questions"),
        path("quizzes/<int:page_id>/questions/add/", question_manager.add,
             name="sse_quizzes_questions_add"),
        path("quizzes/<int:page_id>/questions/publish/", question_manager.publish,
             name="sse_quizzes_questions_publish"),
        path("quizzes/<int:page_id>/questions/<str:block_id>/move/", question_manager.move,
             name="sse_quizzes_question_move"),
        path("quizzes/<int:page_id>/questions/<str:block_id>/remove/", question_manager.remove,
             name="sse_quizzes_question_remove"),
        path("quizzes/add-questions/", question_manager.add_to_chosen_quiz,
             name="sse_quizzes_add_to_quiz"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("sse_quizzes.add_question")


@hooks.register("register_admin_menu_item")
def gift_menu_item():
    return ImportMenuItem(_("Import questions (GIFT)"), reverse("sse_quizzes_import_gift"),
                          icon_name="upload", order=260)


@hooks.register("register_page_header_buttons")
def report_button(page, user, view_name=None, next_url=None):
    from wagtail.admin.widgets import Button

    if isinstance(page.specific_deferred, QuizPage) and page.permissions_for_user(user).can_edit():
        yield Button(_("Questions"), reverse("sse_quizzes_questions", args=[page.id]),
                     icon_name="help", priority=55)
        yield Button(_("Quiz report"), reverse("sse_quizzes_report", args=[page.id]),
                     icon_name="doc-full", priority=60)
        yield Button(_("Answers to grade"),
                     f"{reverse('sse_quizzes:grading')}?quiz={page.translation_key}",
                     icon_name="edit", priority=65)


@hooks.register(TRAINER_PERMISSIONS_HOOK)
def trainer_permissions():
    """Trainers manage the question bank."""
    return [f"sse_quizzes.{action}_{model}" for model in ("question", "questioncategory")
            for action in ("add", "change", "delete", "view")]
