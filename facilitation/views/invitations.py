"""The page an emailed invitation links to: sign up or log in, then join."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from courses.http import post_only, refusing
from courses.permissions import Refused, check_signed_in

from ..models import Invitation
from ..services import invites


@refusing
def invitation(request, token):
    found = Invitation.objects.select_related("cohort__course").filter(token=token).first()
    if found is None:
        raise Refused(404, _("This invitation does not exist."))
    return render(request, "sse_facilitation/invitation.html", {"invitation": found})


@post_only
def accept_invitation(request, token):
    check_signed_in(request.user, _("Please log in to accept this invitation."))
    accepted = invites.accept(token, request.user)
    messages.success(request, _("You joined the cohort “%(name)s”.") % {
        "name": accepted.cohort.name})
    course = accepted.cohort.course.localized
    return redirect(course.get_url(request) or "/")
