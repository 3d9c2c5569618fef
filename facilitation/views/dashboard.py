"""The facilitator's cohort list, the cohort dashboard, and the message action."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import conf
from ..forms import ExportForm, MessageForm
from ..models import DashboardExport
from ..permissions import check_facilitator, cohort_for, is_trainer, visible_cohorts
from ..services.communication import member_of, message_learner
from ..services.dashboard import cohort_dashboard
from .common import cleaned_data, facilitator_page, post_only


@facilitator_page
def cohort_list(request):
    check_facilitator(request.user)
    cohorts = visible_cohorts(request.user).select_related("course").order_by("-starts_on", "name")
    return render(request, "sse_facilitation/cohort_list.html", {
        "cohorts": cohorts, "is_trainer": is_trainer(request.user)})


@facilitator_page
def dashboard(request, cohort_id):
    cohort = cohort_for(request.user, cohort_id)
    data = cohort_dashboard(cohort)
    page = Paginator(data.rows, conf.learners_per_page()).get_page(request.GET.get("page"))
    exports = list(DashboardExport.objects.filter(cohort=cohort)[:5])
    needing = data.needs_help
    return render(request, "sse_facilitation/dashboard.html", {
        "cohort": cohort, "data": data, "page": page, "exports": exports,
        "needing": needing[: conf.help_list_size()],
        "needing_more": max(len(needing) - conf.help_list_size(), 0),
        "export_form": ExportForm(), "inactive_days": conf.inactive_days(),
        "failed_attempts": conf.failed_attempts(),
    })


@facilitator_page
def message_form(request, cohort_id, user_id):
    cohort = cohort_for(request.user, cohort_id)
    learner = member_of(cohort, user_id)
    return render(request, "sse_facilitation/message.html", {
        "cohort": cohort, "learner": learner, "form": MessageForm()})


@post_only
def send_message(request, cohort_id, user_id):
    cohort = cohort_for(request.user, cohort_id)
    learner = member_of(cohort, user_id)
    message_learner(cohort, request.user, learner, **cleaned_data(MessageForm(request.POST)))
    messages.success(request, _("Your message to %(name)s is on its way.") % {
        "name": learner.get_full_name() or learner.email})
    return redirect("sse_facilitation:dashboard", cohort_id=cohort.pk)
