from django.shortcuts import render
from django.utils.translation import gettext as _


def csrf_failure(request, reason=""):
    message = _(
        "Your form could not be accepted because its security token is missing or expired. "
        "Go back, reload the page and try again."
    )
    return render(request, "sse_courses/refused.html", {"message": message}, status=403)
