"""Who may take which quiz: the learner enrolled in its course, on a quiz open to them."""

from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from courses.permissions import Refused, check_enrolled_in, check_signed_in, open_step

from .models import QuizPage


def open_quiz(request, quiz):
    """The quiz's course (its row: id, translation_key…), after checking the learner
    may work on this quiz now: two queries."""
    check_signed_in(request.user, _("Please log in to take this quiz."))
    course = open_step(quiz, request)
    check_enrolled_in(course)
    return course


def quiz_by_id(page_id):
    page = Page.objects.filter(id=page_id).first()
    quiz = page.specific if page else None
    if not isinstance(quiz, QuizPage):
        raise Refused(404, _("This quiz is not available."))
    return quiz


def language_code(language):
    try:
        return get_supported_content_language_variant(language)
    except LookupError:
        return None


def quiz_of_attempt(attempt):
    """The attempt's quiz in the active language when translated (and live), with the
    quiz in every language, in one query: (quiz, translations)."""
    translations = list(QuizPage.objects.filter(translation_key=attempt.quiz_key)
                        .select_related("locale"))
    if not translations:
        raise Refused(404, _("This quiz is not available."))
    active = language_code(translation.get_language())
    quiz = next((q for q in translations if q.locale.language_code == active and q.live),
                translations[0])
    return quiz, translations
