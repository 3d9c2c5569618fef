"""How facilitation views answer: anonymous visitors of a page are sent to log in;
refusals (from permissions.py or services) become a 4xx page that says why."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login

from courses.http import post_only, refusing
from courses.permissions import Refused

__all__ = ["facilitator_page", "post_only", "site_url"]


def facilitator_page(view):
    guarded = refusing(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return guarded(request, *args, **kwargs)

    return wrapper


def site_url(request):
    """The site's address, for links in emails sent later by a task."""
    return request.build_absolute_uri("/")


def bad_form(form):
    """A form's errors as one message, for a 400 refusal."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def cleaned_data(form):
    """The form's data, or a 400 refusal that lists its errors (nothing is written)."""
    if not form.is_valid():
        raise Refused(400, bad_form(form))
    return form.cleaned_data
