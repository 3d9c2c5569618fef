"""Endpoints of `courses`. Those that change state are POST only, CSRF-protected,
checked in permissions; each answers a refused request with a 4xx page that says
why, and writes nothing. `continue_course` only redirects.
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import progress, ratelimit
from .blocks import ActivityAnswerForm, activity_input_names
from .forms import JoinCohortForm
from .http import post_only, refusing
from .models import CohortMembership, CoursePage, StepPage
from .outline import build_outline
from .permissions import (
    Refused,
    check_course_open,
    check_enrolled_in,
    check_signed_in,
    open_step,
)


def back(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def get_course(request, page_id):
    course = CoursePage.objects.filter(id=page_id).first()
    if course is None:
        raise Refused(404, _("This course is not available."))
    check_course_open(course, request)
    return course


def get_step(request, page_id):
    """The step and its course's row (see permissions.open_step), both open to this
    request."""
    page = Page.objects.filter(id=page_id).first()
    step = page.specific if page else None
    if not isinstance(step, StepPage):
        raise Refused(404, _("This step is not available."))
    return step, open_step(step, request)


def url_of(page, request):
    return page.get_url(request) or "/"


@post_only
def enrol(request, page_id):
    check_signed_in(request.user, _("Please log in to enrol."))
    course = get_course(request, page_id)
    _enrolment, created = progress.enrol(request.user, course)
    if created:
        messages.success(request, _("You are enrolled. Welcome to the course!"))
    return back(request, url_of(course, request))


@refusing
def continue_course(request, page_id):
    """Where the learner left off in a course (the dashboard links here when it does
    not know the step without reading the course's tree); the course page otherwise."""
    course = get_course(request, page_id)
    outline = build_outline(course, request)
    following = outline.continue_step if outline.enrolment else None
    return redirect(following.url if following else outline.url or "/")


@post_only
def complete_step(request, page_id):
    check_signed_in(request.user, _("Please log in to save your progress."))
    step, course = get_step(request, page_id)
    check_enrolled_in(course)
    if not step.completes_manually():
        raise Refused(403, _("This step is completed by doing it, not with a button."))
    if progress.complete_step(request.user, step, course.translation_key):
        messages.success(request, _("Step completed."))
    return back(request, url_of(step, request))


@post_only
def save_activity(request, page_id, block_id):
    check_signed_in(request.user, _("Please log in to save your progress."))
    step, course = get_step(request, page_id)
    check_enrolled_in(course)
    block = step.activity_block(block_id) if hasattr(step, "activity_block") else None
    if block is None:
        raise Refused(404, _("This activity does not exist."))
    form = ActivityAnswerForm(activity_input_names(block.value), request.POST)
    if not form.is_valid():
        raise Refused(400, " ".join(str(e) for errors in form.errors.values() for e in errors))
    answers = {name: value for name, value in form.cleaned_data.items() if value}
    progress.save_answers(request.user, step, course.translation_key, block_id, answers)
    messages.success(request, _("Your answers are saved."))
    return back(request, url_of(step, request) + f"#activity-{block_id}")


@post_only
def join_cohort(request):
    check_signed_in(request.user, _("Please log in to join a cohort."))
    # Codes are short enough to guess by trial: wrong ones are counted per person and
    # per client, and a limit reached refuses even a right code until the window ends.
    person, client = f"user:{request.user.pk}", ratelimit.client_address(request)
    ratelimit.check("join_code", person)
    ratelimit.check("join_code_client", client)
    form = JoinCohortForm(request.POST)
    if not form.is_valid():
        ratelimit.failed("join_code", person)
        ratelimit.failed("join_code_client", client)
        raise Refused(400, " ".join(form.errors.get("code", [_("Invalid code.")])))
    cohort = form.cohort
    check_course_open(cohort.course, request)
    with transaction.atomic():
        CohortMembership.objects.get_or_create(cohort=cohort, user=request.user)
        progress.enrol(request.user, cohort.course)
    messages.success(request, _("You joined the cohort “%(name)s”.") % {"name": cohort.name})
    return redirect(url_of(cohort.course.localized, request))
