"""Enrolment by facilitators: invite by pasted emails or a CSV file (trainers may also
invite learners already in the course), and accepting an invitation.

Nobody is put in a cohort without consent: every invitation waits until the invitee,
logged in with the invited address, accepts it; and what the facilitator is told never
says whether an address has an account. Input is checked completely before anything
is written; a problem is reported with its line number and nothing is saved.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from courses import progress
from courses.models import CohortMembership, Enrolment
from courses.permissions import Refused
from sse_notifications.services import notify

from .. import conf
from ..models import Invitation, default_expiry

CSV_CONTENT_TYPES = {"text/csv", "text/plain", "application/csv", "text/comma-separated-values",
                     "application/vnd.ms-excel"}
CSV_EXTENSIONS = (".csv", ".txt")
SEPARATORS = re.compile(r"[\s,;]+")
INVITED_BY = gettext_noop("%(inviter)s invites you to join the cohort “%(cohort)s” (%(course)s).")
INVITED = gettext_noop("You are invited to join the cohort “%(cohort)s” (%(course)s).")


class InviteError(Exception):
    """The input cannot be used; `problems` lists each one (with its line when known)."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def line_problem(line, message):
    return _("Line %(line)s: %(problem)s") % {"line": line, "problem": message}


def checked_email(text, line, problems):
    email = text.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        problems.append(line_problem(line, _("“%(text)s” is not an email address.")
                                     % {"text": text.strip()[:80]}))
        return None
    return email


def emails_from_text(text):
    """Addresses pasted one per line (or separated by commas, semicolons or spaces)."""
    problems, emails = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        for part in SEPARATORS.split(line.strip()):
            if part and (email := checked_email(part, number, problems)):
                emails.append(email)
    return emails, problems


def read_upload(upload):
    """The uploaded file's text, after checking its size, type and encoding."""
    name = (upload.name or "").lower()
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    if not name.endswith(CSV_EXTENSIONS) or content_type not in CSV_CONTENT_TYPES:
        raise InviteError([_("Upload a CSV file (.csv) with one email address per row.")])
    limit = conf.invite_max_bytes()
    if upload.size > limit:
        raise InviteError([_("The file is too large (at most %(kb)s KB).") % {"kb": limit // 1024}])
    raw = upload.read(limit + 1)
    if b"\x00" in raw:
        raise InviteError([_("This file is not a text CSV file.")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InviteError([line_problem(line, _("the file must be encoded in UTF-8."))]) from None


def emails_from_csv(text):
    """Rows `email[,name]`; a first row whose first cell is "email" is a header."""
    problems, emails = [], []
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if reader.line_num == 1 and cells[0].lower() in ("email", "e-mail", "courriel", "correo"):
                continue
            if len([c for c in cells if c]) > 2:
                problems.append(line_problem(reader.line_num, _(
                    "expected an email address and an optional name, found %(n)s columns.")
                    % {"n": len(cells)}))
                continue
            if email := checked_email(cells[0], reader.line_num, problems):
                emails.append(email)
    except csv.Error as error:
        problems.append(line_problem(reader.line_num, str(error)))
    return emails, problems


def collect_emails(text, upload):
    """Every address from the pasted text and the file, or InviteError with all problems."""
    emails, problems = emails_from_text(text or "")
    if upload is not None:
        from_file, file_problems = emails_from_csv(read_upload(upload))
        if not from_file and not file_problems:
            file_problems = [_("The file has no email address.")]
        emails += from_file
        problems += file_problems
    if problems:
        raise InviteError(problems)
    emails = list(dict.fromkeys(emails))
    if not emails:
        raise InviteError([_("Give at least one email address.")])
    if len(emails) > conf.invite_max_rows():
        raise InviteError([_("At most %(n)s addresses at a time.") % {"n": conf.invite_max_rows()}])
    return emails


@dataclass
class InviteOutcome:
    already: list = field(default_factory=list)  # addresses of the cohort's members
    invited: list = field(default_factory=list)  # Invitation rows to email


def add_member(cohort, user):
    """Put an account in the cohort and enrol it in the cohort's course; True if new."""
    _membership, created = CohortMembership.objects.get_or_create(cohort=cohort, user=user)
    progress.enrol(user, cohort.course)
    return created


@transaction.atomic
def invite(cohort, inviter, emails):
    """Invite every address that is not a member's: each gets the same emailed link,
    whether or not it has an account (an open invitation is renewed), and nobody
    joins before accepting. An account with the address also finds the invitation
    among its notifications. The outcome says nothing about who has an account."""
    outcome = InviteOutcome()
    members = set(cohort.members.annotate(email_lower=Lower("email"))
                  .filter(email_lower__in=emails).values_list("email_lower", flat=True))
    for email in emails:
        if email in members:
            outcome.already.append(email)
            continue
        invitation, _created = Invitation.objects.update_or_create(
            cohort=cohort, email=email, accepted_at__isnull=True,
            defaults={"invited_by": inviter, "expires_at": default_expiry(), "sent_at": None})
        outcome.invited.append(invitation)
    notify_accounts(outcome.invited, inviter)
    return outcome


def notify_accounts(invitations, inviter):
    """An in-site notification for each active account with an invited address."""
    by_email = {invitation.email: invitation for invitation in invitations}
    accounts = get_user_model().objects.annotate(email_lower=Lower("email")).filter(
        email_lower__in=by_email, is_active=True)
    for user in accounts:
        invitation = by_email[user.email_lower]
        cohort = invitation.cohort
        params = {"cohort": cohort.name, "course": cohort.course.title}
        if inviter is not None:
            params["inviter"] = inviter.get_full_name() or inviter.email
        notify([user], INVITED_BY if inviter is not None else INVITED, actor=inviter,
               url=reverse("sse_facilitation:invitation", args=[invitation.token]),
               target_key=f"facilitation.invitation:{invitation.pk}", params=params)


def add_candidates(cohort, search=""):
    """Learners enrolled in the cohort's course who are not in the cohort yet. Only
    trainers see them (the course is theirs); facilitators invite by address."""
    enrolled = Enrolment.objects.filter(course_key=cohort.course.translation_key).values("user_id")
    users = (get_user_model().objects.filter(pk__in=enrolled, is_active=True)
             .exclude(cohort_memberships__cohort=cohort)
             .order_by("first_name", "last_name", "email"))
    if search:
        users = users.filter(Q(email__icontains=search) | Q(first_name__icontains=search)
                             | Q(last_name__icontains=search))
    return users


@transaction.atomic
def invite_candidates(cohort, inviter, user_ids):
    """Invite the chosen learners (every id must be a current candidate, or nothing is
    sent); like any invitation, each joins only by accepting it."""
    candidates = {user.pk: user for user in add_candidates(cohort).filter(pk__in=user_ids)}
    missing = [str(pk) for pk in user_ids if pk not in candidates]
    if missing:
        raise Refused(400, _("These learners cannot be invited: %(ids)s.") % {"ids": ", ".join(missing)})
    emails = list(dict.fromkeys(user.email.lower() for user in candidates.values() if user.email))
    return invite(cohort, inviter, emails)


@transaction.atomic
def accept(token, user):
    """The signed-in user joins the cohort of an invitation sent to their address."""
    invitation = (Invitation.objects.select_for_update().select_related("cohort__course")
                  .filter(token=token).first())
    if invitation is None:
        raise Refused(404, _("This invitation does not exist."))
    if invitation.accepted_at is not None:
        if invitation.accepted_by_id == user.pk:
            return invitation
        raise Refused(409, _("This invitation has already been used."))
    if invitation.is_expired:
        raise Refused(410, _("This invitation has expired. Ask your facilitator for a new one."))
    if (user.email or "").lower() != invitation.email.lower():
        raise Refused(403, _("This invitation was sent to another email address. Log in with "
                             "the account of %(email)s.") % {"email": invitation.email})
    if not invitation.cohort.is_open_for_joining():
        raise Refused(410, _("This cohort has ended and no longer accepts members."))
    add_member(invitation.cohort, user)
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation
