"""Cohort membership for facilitators: invitations (emails or CSV), bulk add of
learners already in the course, join code, dates."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models.cohorts import new_join_code
from courses.outbox import enqueue_after_commit
from courses.permissions import Refused

from ..forms import BulkAddForm, CohortDatesForm, InviteForm
from ..permissions import cohort_for
from ..services import invites
from ..tasks import email_invitations
from .common import cleaned_data, facilitator_page, post_only, site_url

CANDIDATES_SHOWN = 50


def members_context(cohort, search=""):
    return {
        "cohort": cohort,
        "members": cohort.memberships.select_related("user").order_by("user__email"),
        "invitations": cohort.invitations.filter(accepted_at__isnull=True),
        "candidates": invites.add_candidates(cohort, search)[:CANDIDATES_SHOWN],
        "search": search,
        "invite_form": InviteForm(),
        "dates_form": CohortDatesForm(initial={"starts_on": cohort.starts_on,
                                               "ends_on": cohort.ends_on}),
    }


@facilitator_page
def members(request, cohort_id):
    cohort = cohort_for(request.user, cohort_id)
    search = request.GET.get("q", "").strip()[:100]
    return render(request, "sse_facilitation/members.html", members_context(cohort, search))


@post_only
def invite(request, cohort_id):
    cohort = cohort_for(request.user, cohort_id)
    form = InviteForm(request.POST, request.FILES)
    data = cleaned_data(form)
    try:
        emails = invites.collect_emails(data["emails"], data["file"])
    except invites.InviteError as error:
        context = members_context(cohort)
        context.update(invite_form=form, invite_problems=error.problems)
        return render(request, "sse_facilitation/members.html", context, status=400)
    with transaction.atomic():  # the invitations and the task that emails them, together
        outcome = invites.invite(cohort, request.user, emails)
        if outcome.invited:
            enqueue_after_commit(email_invitations, [i.pk for i in outcome.invited],
                                 site_url(request))
    messages.success(request, _("Added: %(added)s. Already members: %(already)s. "
                                "Invitations sent: %(invited)s.") % {
        "added": len(outcome.added), "already": len(outcome.already),
        "invited": len(outcome.invited)})
    return redirect("sse_facilitation:members", cohort_id=cohort.pk)


@post_only
def bulk_add(request, cohort_id):
    cohort = cohort_for(request.user, cohort_id)
    form = BulkAddForm(request.POST)
    if not form.is_valid():
        raise Refused(400, _("Choose at least one learner to add."))
    added = invites.bulk_add(cohort, form.cleaned_data["users"])
    messages.success(request, ngettext("%(n)s learner added to the cohort.",
                                       "%(n)s learners added to the cohort.", len(added))
                     % {"n": len(added)})
    return redirect("sse_facilitation:members", cohort_id=cohort.pk)


@post_only
def set_dates(request, cohort_id):
    cohort = cohort_for(request.user, cohort_id)
    dates = cleaned_data(CohortDatesForm(request.POST))
    cohort.starts_on, cohort.ends_on = dates["starts_on"], dates["ends_on"]
    cohort.save(update_fields=["starts_on", "ends_on"])
    messages.success(request, _("The cohort's dates are saved."))
    return redirect("sse_facilitation:members", cohort_id=cohort.pk)


@post_only
def new_code(request, cohort_id):
    """A new join code: the old one stops working (e.g. after it was shared too widely)."""
    cohort = cohort_for(request.user, cohort_id)
    cohort.join_code = new_join_code()
    cohort.save(update_fields=["join_code"])
    messages.success(request, _("New join code: %(code)s") % {"code": cohort.join_code})
    return redirect("sse_facilitation:members", cohort_id=cohort.pk)
