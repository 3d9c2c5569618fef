"""Who may take which quiz: the learner enrolled in its course, on a quiz open to them."""

from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.models import CoursePage
from courses.outline import course_path_of
from courses.permissions import (
    Refused,
    check_course_open,
    check_enrolled,
    check_signed_in,
    check_step_open,
)

from .models import QuizPage


def open_quiz(request, quiz):
    """The quiz's course, after checking the learner may work on this quiz now."""
    check_signed_in(request.user, _("Please log in to take this quiz."))
    course = CoursePage.objects.filter(path=course_path_of(quiz)).first()
    if course is None:
        raise Refused(404, _("This quiz is not available."))
    check_course_open(course, request)
    check_step_open(quiz, request)
    check_enrolled(request.user, course.translation_key)
    return course


def quiz_by_id(page_id):
    page = Page.objects.filter(id=page_id).first()
    quiz = page.specific if page else None
    if not isinstance(quiz, QuizPage):
        raise Refused(404, _("This quiz is not available."))
    return quiz


def quiz_of_attempt(attempt):
    """The attempt's quiz in the active language when translated."""
    quiz = QuizPage.objects.filter(translation_key=attempt.quiz_key).first()
    if quiz is None:
        raise Refused(404, _("This quiz is not available."))
    return quiz.localized
