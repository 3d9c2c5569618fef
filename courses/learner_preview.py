"""Wagtail's "As a learner" preview of a step: the page as an enrolled learner sees it
before doing anything (no progress, no answers), whoever the trainer previewing is."""

from django.utils.translation import gettext_lazy as _

LEARNER = "learner"
PREVIEW_MODES = [("", _("As the trainer")), (LEARNER, _("As a learner"))]


def is_learner_preview(request):
    return getattr(request, "is_preview", False) and getattr(
        request, "preview_mode", None) == LEARNER


def as_new_learner(outline):
    """The outline of an enrolled learner with no progress (nothing is saved)."""
    from .models import Enrolment

    outline.enrolment = Enrolment(course_key=outline.course_key)
    for step in outline.steps:
        step.completed = False
        step.last_viewed_at = None
        step.answers = {}
        step.detail = ""
    return outline
