"""Cohort membership for facilitators: invitations (emails or CSV; trainers may also
invite learners already in the course), join code, dates. Every invitation waits for
the invitee's consent, and the answers never say who has an account."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models.cohorts import new_join_code
from courses.outbox import enqueue_after_commit
from courses.permissions import Refused

from ..forms import BulkAddForm, CohortDatesForm, InviteForm
from ..permissions import cohort_for, is_trainer
from ..services import invites
from ..tasks import email_invitations
from .common import cleaned_data, facilitator_page, post_only, site_url

CANDIDATES_SHOWN = 50


def members_context(cohort, user, search=""):
    # Facilitators see their own cohort's members only; the course's other learners
    # (other cohorts' included) are listed to trainers alone.
    trainer = is_trainer(user)
    return {
        "cohort": cohort,
        "members": cohort.memberships.select_related("user").order_by("user__email"),
        "invitations": cohort.invitations.filter(accepted_at__isnull=True),
        "may_invite_learners_of_the_course": trainer,
        "candidates": invites.add_candidates(cohort, search)[:CANDIDATES_SHOWN] if trainer else [],
        "search": search,
        "invite_form": InviteForm(),
        "dates_form": CohortDatesForm(initial={"starts_on": cohort.starts_on,
                                               "ends_on": cohort.ends_on}),
    }


@facilitator_page
def members(request, cohort_id):
    cohort = cohort_for(request.user, cohort_id)
    search = request.GET.get("q", "").strip()[:100]
    return render(request, "sse_facilitation/members.html",
                  members_context(cohort, request.user, search))


@post_only
def invite(request, cohort_id):
    cohort = cohort_for(request.user, cohort_id)
    form = InviteForm(request.POST, request.FILES)
    data = cleaned_data(form)
    try:
        emails = invites.collect_emails(data["emails"], data["file"])
    except invites.InviteError as error:
        context = members_context(cohort, request.user)
        context.update(invite_form=form, invite_problems=error.problems)
        return render(request, "sse_facilitation/members.html", context, status=400)
    with transaction.atomic():  # the invitations and the task that emails them, together
        outcome = invites.invite(cohort, request.user, emails)
        if outcome.invited:
            enqueue_after_commit(email_invitations, [i.pk for i in outcome.invited],
                                 site_url(request))
    tell_sent(request, outcome)
    return redirect("sse_facilitation:members", cohort_id=cohort.pk)


def tell_sent(request, outcome):
    """One answer whatever the addresses are: it never says who has an account."""
    text = ngettext("%(n)s invitation sent.", "%(n)s invitations sent.",
                    len(outcome.invited)) % {"n": len(outcome.invited)}
    if outcome.already:
        text += " " + ngettext("%(n)s address is already a member's.",
                               "%(n)s addresses are already members'.",
                               len(outcome.already)) % {"n": len(outcome.already)}
    messages.success(request, text)


@post_only
def bulk_add(request, cohort_id):
    """Trainers invite learners already in the course (they join by accepting)."""
    cohort = cohort_for(request.user, cohort_id)
    if not is_trainer(request.user):
        raise Refused(403, _("Facilitators invite learners by their email address."))
    form = BulkAddForm(request.POST)
    if not form.is_valid():
        raise Refused(400, _("Choose at least one learner to invite."))
    with transaction.atomic():  # the invitations and the task that emails them, together
        outcome = invites.invite_candidates(cohort, request.user, form.cleaned_data["users"])
        if outcome.invited:
            enqueue_after_commit(email_invitations, [i.pk for i in outcome.invited],
                                 site_url(request))
    tell_sent(request, outcome)
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
