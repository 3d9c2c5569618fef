from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    label = "sse_quizzes"
    verbose_name = _("Quizzes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from courses.outline import register_step_details

        from .models import QuizPage
        from .outline import best_grades

        register_step_details(QuizPage, best_grades)
