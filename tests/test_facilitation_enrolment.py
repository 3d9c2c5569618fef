"""Enrolment by facilitators: invitations by pasted emails or CSV (bad files refused
with line numbers, nothing half-written) that nobody joins without accepting, answers
that never tell who has an account, members pages limited to the cohort, trainers
inviting learners of the course, dates, join code."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bench.cohorts import make_facilitator
from courses.models import Cohort, CohortMembership, Enrolment
from courses.progress import enrol
from courses.roles import TRAINERS
from facilitation.models import Invitation
from sse_notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(course_en):
    return Cohort.objects.create(name="Lyon spring", course=course_en, language="en")


@pytest.fixture
def facilitator(cohort):
    user = make_facilitator("fac@example.org")
    cohort.facilitators.add(user)
    client = Client()
    client.force_login(user)
    return client


def invite(client, cohort, capture, emails="", upload=None):
    data = {"emails": emails}
    if upload is not None:
        data["file"] = upload
    with capture(execute=True):
        return client.post(reverse("sse_facilitation:invite", args=[cohort.pk]), data)


def csv_file(content, name="learners.csv", content_type="text/csv"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def nothing_written(cohort):
    return not cohort.memberships.exists() and not Invitation.objects.exists()


def test_every_address_is_invited_and_nobody_joins_without_accepting(
        facilitator, cohort, learner, django_capture_on_commit_callbacks):
    response = invite(facilitator, cohort, django_capture_on_commit_callbacks,
                      emails="ANA@example.org, new.one@example.org\nnew.two@example.org")
    assert response.status_code == 302
    assert not cohort.members.exists()  # Ana has an account, and is not in the cohort
    assert not Enrolment.objects.filter(user=learner).exists()
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "ana@example.org", "new.one@example.org", "new.two@example.org"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@example.org", "new.one@example.org", "new.two@example.org"]
    token = Invitation.objects.get(email="new.one@example.org").token
    assert any(f"/en/facilitate/invitations/{token}/" in m.body for m in mail.outbox)
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 3
    # Ana's account also finds the invitation on the site
    ana_token = Invitation.objects.get(email="ana@example.org").token
    notification = Notification.objects.get(recipient=learner)
    assert notification.url == f"/en/facilitate/invitations/{ana_token}/"
    ana = Client()
    ana.force_login(learner)
    assert "Lyon spring" in ana.get(reverse("sse_notifications:list")).content.decode()
    assert ana.post(accept_url(ana_token)).status_code == 302
    assert list(cohort.members.all()) == [learner]
    assert Enrolment.objects.filter(user=learner, course_key=cohort.course_key).exists()


def test_the_answer_never_tells_who_has_an_account(
        facilitator, cohort, learner, django_user_model, django_capture_on_commit_callbacks):
    admin = django_user_model.objects.create_superuser("root@example.org", "root@example.org", "x")
    answers = []
    for address in ("ana@example.org", "nobody@example.org", "root@example.org"):
        response = invite(facilitator, cohort, django_capture_on_commit_callbacks, emails=address)
        answers.append(str(list(response.wsgi_request._messages)[0]))
    assert answers == ["1 invitation sent."] * 3
    assert not cohort.members.exists()  # not even the administrator was pulled in
    assert admin.email in {m.to[0] for m in mail.outbox}


def test_an_account_waiting_for_its_address_confirmation_is_not_notified(
        facilitator, cohort, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sse_academy:signup"), {
            "name": "Zoé", "email": "zoe@example.org", "password1": "cooperative-2026",
            "password2": "cooperative-2026"})
    invite(facilitator, cohort, django_capture_on_commit_callbacks, emails="zoe@example.org")
    assert not Notification.objects.exists()
    invitation = Invitation.objects.get()
    # it cannot log in, so it cannot accept before confirming its address
    assert client.post(accept_url(invitation.token)).status_code == 403
    assert not cohort.members.exists()


def test_inviting_again_renews_the_open_invitation(facilitator, cohort,
                                                   django_capture_on_commit_callbacks):
    for _ in range(2):
        invite(facilitator, cohort, django_capture_on_commit_callbacks, emails="new@example.org")
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 2


def test_a_retried_invitation_task_does_not_email_the_invitations_already_sent(
        cohort, greylisting_mail_server):
    from celery.exceptions import Retry

    from facilitation.services.invites import invite as invite_people
    from facilitation.tasks import email_invitations

    # greylisting_mail_server refuses the second email once, so the task is retried
    outcome = invite_people(cohort, None, ["new.one@example.org", "new.two@example.org"])
    ids = sorted(invitation.pk for invitation in outcome.invited)
    with pytest.raises((Retry, OSError)):
        email_invitations(ids, "http://testserver/")
    email_invitations(ids, "http://testserver/")  # the retry
    assert sorted(m.to[0] for m in mail.outbox) == ["new.one@example.org", "new.two@example.org"]
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 2


def test_csv_with_header_and_names(facilitator, cohort, learner,
                                   django_capture_on_commit_callbacks):
    CohortMembership.objects.create(cohort=cohort, user=learner)
    upload = csv_file("email,name\nana@example.org,Ana\n\nzoe@example.org,Zoé\n".encode())
    response = invite(facilitator, cohort, django_capture_on_commit_callbacks, upload=upload)
    assert response.status_code == 302
    assert Invitation.objects.get().email == "zoe@example.org"  # Ana is a member already
    message = str(list(response.wsgi_request._messages)[0])
    assert message == "1 invitation sent. 1 address is already a member's."


@pytest.mark.parametrize("upload, message", [
    (csv_file(b"email\nok@example.org\nnot-an-email\nx@example.org,X,extra\n"),
     ["Line 3: “not-an-email” is not an email address.", "Line 4: expected an email address"]),
    (csv_file("ok@example.org\nzoé@example.org\n".encode("latin-1")),
     ["Line 2: the file must be encoded in UTF-8."]),
    (csv_file(b"ok@example.org\x00\n"), ["This file is not a text CSV file."]),
    (csv_file(b"ok@example.org\n", name="learners.exe", content_type="application/x-msdownload"),
     ["Upload a CSV file (.csv)"]),
    (csv_file(b"ok@example.org\n", content_type="application/pdf"), ["Upload a CSV file (.csv)"]),
    (csv_file(b'ok@example.org\n"unclosed\n'), ["Line"]),
    (csv_file(b"\n\n"), ["The file has no email address."]),
])
def test_bad_csv_files_are_refused_with_their_line_and_nothing_is_written(
        facilitator, cohort, learner, upload, message, django_capture_on_commit_callbacks):
    response = invite(facilitator, cohort, django_capture_on_commit_callbacks,
                      emails="ana@example.org", upload=upload)
    body = response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert response.status_code == 400
    for text in message:
        assert text in body
    assert "Nothing was saved" in body
    assert nothing_written(cohort) and not mail.outbox


def test_a_bad_pasted_address_names_its_line(facilitator, cohort,
                                             django_capture_on_commit_callbacks):
    response = invite(facilitator, cohort, django_capture_on_commit_callbacks,
                      emails="a@example.org\nb@example.org c@\n")
    assert response.status_code == 400
    assert "Line 2: “c@” is not an email address." in response.content.decode()
    assert nothing_written(cohort)


def test_size_and_row_caps(facilitator, cohort, settings, django_capture_on_commit_callbacks):
    settings.ACADEMY_FACILITATION_INVITE_MAX_BYTES = 1024
    big = csv_file(b"".join(b"p%d@example.org\n" % n for n in range(200)))
    response = invite(facilitator, cohort, django_capture_on_commit_callbacks, upload=big)
    assert response.status_code == 400 and "too large" in response.content.decode()
    settings.ACADEMY_FACILITATION_INVITE_MAX_ROWS = 3
    response = invite(facilitator, cohort, django_capture_on_commit_callbacks,
                      emails="a@x.org b@x.org c@x.org d@x.org")
    assert response.status_code == 400 and "At most 3" in response.content.decode()
    assert nothing_written(cohort)


def accept_url(token):
    return reverse("sse_facilitation:accept_invitation", args=[token])


def test_an_invited_person_signs_up_confirms_the_address_then_joins(
        cohort, django_user_model, django_capture_on_commit_callbacks):
    invitation = Invitation.objects.create(cohort=cohort, email="zoe@example.org")
    client = Client()
    invitation_url = reverse("sse_facilitation:invitation", args=[invitation.token])
    page = client.get(invitation_url).content.decode()
    assert "Create my account" in page and "zoe@example.org" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sse_academy:signup") + f"?next={invitation_url}", {
            "name": "Zoé", "email": "zoe@example.org", "password1": "cooperative-2026",
            "password2": "cooperative-2026"})
    link = re.search(r"https?://[^/]+(/\S+/accounts/confirm/\S+)", mail.outbox[-1].body).group(1)
    confirmed = client.post(link, {"password": "cooperative-2026"})
    assert confirmed["Location"] == invitation_url  # back to the invitation
    response = client.post(accept_url(invitation.token))
    assert response.status_code == 302
    zoe = django_user_model.objects.get(email="zoe@example.org")
    assert CohortMembership.objects.filter(cohort=cohort, user=zoe).exists()
    assert Enrolment.objects.filter(user=zoe, course_key=cohort.course_key).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == zoe
    dashboard = client.get(reverse("sse_academy:dashboard")).content.decode()
    assert "Lyon spring" in dashboard


def test_invitations_are_personal_single_use_and_expire(cohort, learner, other_learner):
    invitation = Invitation.objects.create(cohort=cohort, email="ben@example.org")
    intruder = Client()
    intruder.force_login(learner)  # ana, not ben
    assert intruder.post(accept_url(invitation.token)).status_code == 403
    assert Client().post(accept_url(invitation.token)).status_code == 403  # anonymous
    assert intruder.post(accept_url("no-such-token")).status_code == 404
    ben = Client()
    ben.force_login(other_learner)
    assert ben.post(accept_url(invitation.token)).status_code == 302
    learner.email = "ben@example.org"  # even with the same address, a used link is spent
    learner.save()
    assert intruder.post(accept_url(invitation.token)).status_code == 409
    assert list(cohort.members.all()) == [other_learner]
    old = Invitation.objects.create(cohort=cohort, email="ana2@example.org")
    Invitation.objects.filter(pk=old.pk).update(expires_at=old.created_at)
    learner.email = "ana2@example.org"
    learner.save()
    assert intruder.post(accept_url(old.token)).status_code == 410
    assert list(cohort.members.all()) == [other_learner]


def test_a_facilitator_sees_only_the_cohort_s_members(facilitator, cohort, learner,
                                                     other_learner):
    """Learners of the course in another cohort are neither listed nor added."""
    other = Cohort.objects.create(name="Dakar autumn", course=cohort.course, language="en")
    CohortMembership.objects.create(cohort=other, user=learner)
    enrol(learner, cohort.course)
    CohortMembership.objects.create(cohort=cohort, user=other_learner)
    page = facilitator.get(reverse("sse_facilitation:members", args=[cohort.pk])).content.decode()
    assert "ben@example.org" in page  # a member
    assert "ana@example.org" not in page and "Invite learners already in the course" not in page
    url = reverse("sse_facilitation:bulk_add", args=[cohort.pk])
    assert facilitator.post(url, {"users": [learner.pk]}).status_code == 403
    assert list(cohort.members.all()) == [other_learner] and not Invitation.objects.exists()


def test_trainers_invite_learners_of_the_course(cohort, learner, other_learner, django_user_model,
                                                django_capture_on_commit_callbacks):
    trainer = django_user_model.objects.create_user("trainer@example.org", "trainer@example.org", "x")
    trainer.groups.add(Group.objects.get_or_create(name=TRAINERS)[0])
    client = Client()
    client.force_login(trainer)
    enrol(learner, cohort.course)
    page = client.get(reverse("sse_facilitation:members", args=[cohort.pk])).content.decode()
    assert "ana@example.org" in page and "ben@example.org" not in page  # ben is not enrolled
    url = reverse("sse_facilitation:bulk_add", args=[cohort.pk])
    response = client.post(url, {"users": [learner.pk, other_learner.pk]})
    assert response.status_code == 400 and str(other_learner.pk) in response.content.decode()
    assert client.post(url, {"users": ["abc"]}).status_code == 400
    assert not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"users": [learner.pk]}).status_code == 302
    assert not cohort.members.exists()  # invited, not added
    assert Invitation.objects.get().email == "ana@example.org"
    assert [m.to[0] for m in mail.outbox] == ["ana@example.org"]


def test_dates_must_end_after_they_start(facilitator, cohort):
    url = reverse("sse_facilitation:set_dates", args=[cohort.pk])
    response = facilitator.post(url, {"starts_on": "2026-03-01", "ends_on": "2026-02-01"})
    assert response.status_code == 400
    assert "on or after the start date" in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.starts_on is None
    assert facilitator.post(url, {"starts_on": "2026-03-01", "ends_on": "2026-03-01"}).status_code == 302
    assert facilitator.post(url, {"starts_on": "01/03/2026x"}).status_code == 400
    cohort.refresh_from_db()
    assert str(cohort.starts_on) == "2026-03-01"


def test_a_new_join_code_replaces_the_old_one(facilitator, cohort, learner_client):
    old = cohort.join_code
    facilitator.post(reverse("sse_facilitation:new_code", args=[cohort.pk]))
    cohort.refresh_from_db()
    assert cohort.join_code != old
    response = learner_client.post(reverse("sse_courses:join_cohort"), {"code": old})
    assert response.status_code == 400
    learner_client.post(reverse("sse_courses:join_cohort"), {"code": cohort.join_code})
    assert cohort.members.count() == 1
