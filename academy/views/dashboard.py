from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from courses.forms import JoinCohortForm
from courses.models import CohortMembership
from courses.standing import learner_standings
from credentials.services import certificates_of
from facilitation.permissions import may_facilitate
from facilitation.services.communication import cohort_announcements

from ..models import PlanExport


@login_required
def dashboard(request):
    memberships = list(
        CohortMembership.objects.filter(user=request.user)
        .select_related("cohort")
        .prefetch_related("cohort__facilitators")
    )
    courses = learner_standings(request)
    latest_exports = {}
    for export in PlanExport.objects.filter(user=request.user):
        latest_exports.setdefault(export.course_key, export)  # newest first
    for standing in courses:
        standing.plan_export = latest_exports.get(standing.course_key)
    return render(request, "sse_academy/dashboard.html", {
        "courses": courses,
        "memberships": memberships,
        "join_form": JoinCohortForm(),
        "announcements": cohort_announcements([m.cohort_id for m in memberships]),
        "may_facilitate": may_facilitate(request.user),
        "certificates": certificates_of(request.user),
    })
