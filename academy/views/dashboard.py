from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from courses.forms import JoinCohortForm
from courses.models import CohortMembership
from courses.outline import learner_courses


@login_required
def dashboard(request):
    memberships = (
        CohortMembership.objects.filter(user=request.user)
        .select_related("cohort")
        .prefetch_related("cohort__facilitators")
    )
    return render(request, "academy/dashboard.html", {
        "courses": learner_courses(request),
        "memberships": memberships,
        "join_form": JoinCohortForm(),
    })
