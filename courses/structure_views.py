"""The course-structure page in the admin: a course's modules and steps with their state
in every language; drag (or Up/Down without JavaScript) to reorder; add a module or a
step where it belongs, through Wagtail's own add-page views."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import course_structure
from .models import CoursePage, ModulePage, step_page_models


def structure_url(course):
    return reverse("sse_course_structure", args=[course.id])


def add_url(model, parent, back):
    url = reverse("wagtailadmin_pages:add",
                  args=[model._meta.app_label, model._meta.model_name, parent.id])
    return f"{url}?{urlencode({'next': back})}"


def translate_url(page_id):
    try:
        return reverse("wagtail_localize:submit_page_translation", args=[page_id])
    except NoReverseMatch:  # a host without wagtail-localize
        return ""


def structure(request, page_id):
    course = get_object_or_404(CoursePage, id=page_id)
    permissions = course.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    course_item, modules = course_structure.course_structure(course)
    back = structure_url(course)
    can_translate = request.user.has_perm("wagtail_localize.submit_translation")
    step_models = sorted(step_page_models(), key=lambda model: str(model._meta.verbose_name))
    for item in [course_item] + modules + [step for module in modules for step in module.steps]:
        item.kind = item.page.specific_class._meta.verbose_name if item.page.specific_class \
            else ""
        item.translate_url = translate_url(item.page.id) if can_translate else ""
    for module in modules:
        can_add = module.page.permissions_for_user(request.user).can_add_subpage()
        module.add_links = [
            {"label": model._meta.verbose_name, "url": add_url(model, module.page, back)}
            for model in step_models] if can_add else []
    return render(request, "sse_courses/admin/course_structure.html", {
        "course": course, "course_item": course_item, "modules": modules,
        "languages": course_structure.languages(),
        "add_module_url": add_url(ModulePage, course, back) if permissions.can_add_subpage()
        else "",
        "can_reorder": permissions.can_reorder_children(),
        "move_url": reverse("sse_course_structure_move", args=[999999]),
    })


def move(request, page_id):
    """Drag and drop (Wagtail's orderable controller) sends ?position=N; the buttons
    without JavaScript send direction=up|down and come back to the page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page = get_object_or_404(course_structure.Page, id=page_id)
    if not course_structure.movable(page):
        raise Http404(_("Only modules and steps are ordered here."))
    course = course_structure.course_of(page)
    direction = request.POST.get("direction")
    siblings = list(page.get_parent().get_children().values_list("id", flat=True))
    if direction in ("up", "down"):
        position = siblings.index(page.id) + (-1 if direction == "up" else 1)
    else:
        position = request.GET.get("position", "")
        if not (position.isascii() and position.isdigit()):
            return HttpResponseBadRequest(_("Give the new position."))
        position = int(position)
    try:
        course_structure.move(page, position, request.user)
    except course_structure.MoveRefused:
        if direction:  # the admin's own refusal page, with its message
            raise PermissionDenied from None
        # The drag's fetch must see the refusal (the admin would redirect it to a 200).
        return HttpResponseForbidden(_("You may not reorder these pages in every language."))
    if direction:
        messages.success(request, _("“%(title)s” moved, in every language.") % {
            "title": page.title})
        return redirect(structure_url(course) if course else "wagtailadmin_home")
    return HttpResponse(status=204)
