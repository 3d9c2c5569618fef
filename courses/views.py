"""State-changing endpoints of `courses`: POST only, CSRF-protected, checked in permissions.

Each answers a refused request with a 4xx page that says why, and writes nothing.
"""

from functools import wraps

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import progress
from .blocks import ActivityAnswerForm, activity_input_names
from .forms import JoinCohortForm
from .models import CohortMembership, CoursePage, StepPage
from .outline import course_path_of
from .permissions import Refused, check_can_enrol, check_can_study, check_course_open


def refusal(request, status, message):
    return render(request, "courses/refused.html", {"message": message}, status=status)


def post_only(view):
    """Refuse GET (and anything but POST) with a 405 that explains, and turn
    Refused into its response."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            response = refusal(request, 405, _("This address only accepts form submissions."))
            response["Allow"] = "POST"
            return response
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            return refusal(request, refused.status, refused.message)

    return wrapper


def back(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def get_page(model, page_id):
    page = model.objects.filter(id=page_id).first()
    if page is None:
        raise Refused(404, _("This page does not exist."))
    return page


def get_step(page_id):
    page = Page.objects.filter(id=page_id).first()
    step = page.specific if page else None
    if not isinstance(step, StepPage):
        raise Refused(404, _("This step does not exist."))
    course = CoursePage.objects.filter(path=course_path_of(step)).first()
    if course is None:
        raise Refused(404, _("This step does not exist."))
    check_course_open(course)
    module_live = Page.objects.filter(path=step.path[: -step.steplen], live=True).exists()
    if not (step.live and module_live):
        raise Refused(404, _("This step is not available."))
    return step, course


@post_only
def enrol(request, page_id):
    course = get_page(CoursePage, page_id)
    check_can_enrol(request.user, course)
    _enrolment, created = progress.enrol(request.user, course)
    if created:
        messages.success(request, _("You are enrolled. Welcome to the course!"))
    return back(request, course.url)


@post_only
def complete_step(request, page_id):
    step, course = get_step(page_id)
    check_can_study(request.user, step, course.translation_key)
    if progress.complete_step(request.user, step, course.translation_key):
        messages.success(request, _("Step completed."))
    return back(request, step.url)


@post_only
def save_activity(request, page_id, block_id):
    step, course = get_step(page_id)
    check_can_study(request.user, step, course.translation_key)
    block = step.activity_block(block_id) if hasattr(step, "activity_block") else None
    if block is None:
        raise Refused(404, _("This activity does not exist."))
    form = ActivityAnswerForm(activity_input_names(block.value), request.POST)
    if not form.is_valid():
        raise Refused(400, " ".join(str(e) for errors in form.errors.values() for e in errors))
    answers = {name: value for name, value in form.cleaned_data.items() if value}
    progress.save_answers(request.user, step, course.translation_key, block_id, answers)
    messages.success(request, _("Your answers are saved."))
    return back(request, step.url + f"#activity-{block_id}")


@post_only
def join_cohort(request):
    if not request.user.is_authenticated:
        raise Refused(403, _("Please log in to join a cohort."))
    form = JoinCohortForm(request.POST)
    if not form.is_valid():
        raise Refused(400, " ".join(form.errors.get("code", [_("Invalid code.")])))
    cohort = form.cohort
    check_course_open(cohort.course)
    with transaction.atomic():
        CohortMembership.objects.get_or_create(cohort=cohort, user=request.user)
        progress.enrol(request.user, cohort.course)
    messages.success(request, _("You joined the cohort “%(name)s”.") % {"name": cohort.name})
    course = cohort.course.localized
    return redirect(course.url)
