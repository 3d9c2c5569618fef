"""Shared HTTP helpers for views that change state: POST only, and refusals as pages."""

from functools import wraps

from django.shortcuts import render
from django.utils.translation import gettext as _

from .permissions import Refused


def refusal(request, status, message):
    return render(request, "sse_courses/refused.html", {"message": message}, status=status)


def refused_response(request, refused):
    """The page for a Refused; a rate limit says when to come back (Retry-After)."""
    response = refusal(request, refused.status, refused.message)
    if getattr(refused, "retry_after", None):
        response["Retry-After"] = str(refused.retry_after)
    return response


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
            return refused_response(request, refused)

    return wrapper


def refusing(view):
    """For GET views: turn Refused into its 4xx page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            return refused_response(request, refused)

    return wrapper
