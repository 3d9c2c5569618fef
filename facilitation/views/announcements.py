from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import AnnouncementForm
from ..permissions import cohort_for
from ..services.communication import announce
from .common import cleaned_data, facilitator_page, post_only, site_url


@facilitator_page
def announcements(request, cohort_id):
    cohort = cohort_for(request.user, cohort_id)
    return render(request, "sse_facilitation/announcements.html", {
        "cohort": cohort, "form": AnnouncementForm(),
        "announcements": cohort.announcements.select_related("author")[:50]})


@post_only
def post_announcement(request, cohort_id):
    cohort = cohort_for(request.user, cohort_id)
    data = cleaned_data(AnnouncementForm(request.POST))
    announce(cohort, request.user, data["title"], data["body"], site_url(request))
    messages.success(request, _("The announcement is published and being emailed to the cohort."))
    return redirect("sse_facilitation:announcements", cohort_id=cohort.pk)
