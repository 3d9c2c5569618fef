"""Issuing certificates: exactly once per learner and course, safe to rerun.

`start_certificate` makes the row (the unique constraint decides between two
concurrent tasks); `finish_certificate` stores whatever documents are still
missing. A task that died between the two is simply run again: it finds the row,
keeps its code, and finishes the job.
"""

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from courses.models import CoursePage, Enrolment
from courses.storage import store

from . import badges, conf
from .codes import new_code
from .models import Certificate
from .pdf import render_certificate


def course_in_language(course_key, language):
    """The course page in `language`, or in any language it exists in."""
    courses = CoursePage.objects.filter(translation_key=course_key)
    locale = Locale.objects.filter(language_code=language).first()
    return courses.filter(locale=locale).first() or courses.first()


def holder_name(user):
    """The name printed on the certificate and its public page. Without a full name,
    the username, unless it is an email address (as where people sign up with their
    email): the public page and the badge must never show one, so only the part
    before the @ is kept."""
    name = user.get_full_name()
    if name:
        return name
    username = user.get_username()
    return username.split("@", 1)[0] if "@" in username else username


def has_completed(user, course_key):
    return Enrolment.objects.filter(user=user, course_key=course_key,
                                    completed_at__isnull=False).exists()


def start_certificate(user, course_key, language):
    """The learner's certificate for the course, created if the course is complete.
    Returns None when it is not complete (or the course no longer exists)."""
    existing = Certificate.objects.filter(user=user, course_key=course_key).first()
    if existing is not None:
        return existing
    course = course_in_language(course_key, language)
    if course is None or not has_completed(user, course_key):
        return None
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                user=user, course_key=course_key, language=language, code=new_code(),
                holder_name=holder_name(user),
                course_title=course.title, issued_at=timezone.now().replace(microsecond=0))
    except IntegrityError:  # another task made it first: use theirs
        return Certificate.objects.get(user=user, course_key=course_key)


def verification_url(certificate):
    return conf.site_url() + reverse("sse_credentials_public:verify", args=[certificate.code])


def finish_certificate(certificate):
    """Store the documents that are still missing. Each is written only if still
    missing, so two runs at once cannot overwrite each other's work."""
    if not certificate.pdf:
        document = render_certificate(certificate, verification_url(certificate),
                                      conf.issuer_name())
        name = store(certificate.pdf, f"certificate-{certificate.code}.pdf", document)
        if not Certificate.objects.filter(pk=certificate.pk, pdf="").update(pdf=name):
            certificate.pdf.storage.delete(name)  # another run stored it first: keep theirs
    if not certificate.badge:
        token = badges.sign_badge(certificate, verification_url(certificate))
        Certificate.objects.filter(pk=certificate.pk, badge="").update(badge=token)
    certificate.refresh_from_db()
    return certificate


def certificates_of(user):
    """A learner's certificates for their dashboard, newest first, in one query: the
    course title in the current language (else as printed), no documents loaded."""
    title_here = CoursePage.objects.filter(
        translation_key=OuterRef("course_key"), locale__language_code=translation.get_language(),
    ).values("title")[:1]
    return list(Certificate.objects.filter(user=user).defer("badge").annotate(
        display_title=Coalesce(Subquery(title_here), F("course_title")),
        has_badge=~Q(badge=""), has_pdf=~Q(pdf="")))
