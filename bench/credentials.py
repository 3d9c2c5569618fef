"""The certificates benchmark: N certificates issued (a tenth revoked); the holder
opens the public verification page, the dashboard and their badge, and a verifier
fetches the revocation list (re-signed on every request here: the worst case)."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation


def certificate_scenario(size):
    from credentials.codes import new_code
    from credentials.models import Certificate
    from credentials.tasks import issue_certificate

    from .builders import build_course, learner_with_progress

    # A throwaway signing key: the benchmark never touches the site's own.
    settings.ACADEMY_BADGE_KEY_PATH = Path(tempfile.mkdtemp(prefix="bench-badge-")) / "badge.pem"
    course = build_course(4)
    users = get_user_model().objects.bulk_create([
        get_user_model()(username=f"holder-{size}-{n}@example.org") for n in range(size - 1)])
    now = timezone.now()
    Certificate.objects.bulk_create([
        Certificate(user=user, course_key=course.translation_key, code=new_code(), language="en",
                    holder_name=user.username.split("@")[0], course_title=course.title,
                    issued_at=now, revoked_at=now if n % 10 == 0 else None,
                    revocation_reason="Bench" if n % 10 == 0 else "")
        for n, user in enumerate(users)])
    user, _ = learner_with_progress(course, fraction=1)
    issue_certificate(user.pk, str(course.translation_key), "en")
    certificate = Certificate.objects.get(user=user)
    return {"user": user, "certificate": certificate}


def verification_page(scenario):
    code = scenario["certificate"].code
    return lambda: ("get", reverse("sse_credentials_public:verify", args=[code]), None,
                    "This certificate is valid.")


def dashboard_with_certificate(scenario):
    code = scenario["certificate"].code
    return lambda: ("get", "/en/dashboard/", None, f"/verify/{code}/")


def badge_download(scenario):
    with translation.override("en"):
        url = reverse("sse_credentials:download_badge", args=[scenario["certificate"].pk])
    return lambda: ("get", url, None, "eyJ")


def revocation_list(scenario):
    from credentials.badges import forget_revocation_list

    def prepare():
        forget_revocation_list()  # measure the signing, not the cache
        return ("get", reverse("sse_credentials_public:status_list"), None, "eyJ")

    return prepare


GROUP = ("certificates", certificate_scenario, [
    ("verification page", verification_page), ("dashboard + certs", dashboard_with_certificate),
    ("badge download", badge_download), ("revocation list", revocation_list)])
