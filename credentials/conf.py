"""Settings an integrator may change, with their defaults (see README, "Certificates")."""

from pathlib import Path

from django.conf import settings


def site_url():
    """Absolute base of the public links printed on certificates and put in badges."""
    default = getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
    return getattr(settings, "ACADEMY_CREDENTIALS_SITE_URL", default).rstrip("/")


def issuer_name():
    default = getattr(settings, "WAGTAIL_SITE_NAME", "SSE Academy")
    return getattr(settings, "ACADEMY_BADGE_ISSUER_NAME", default)


def issuer_url():
    """The issuer's home page, shown in the badge's issuer profile."""
    return getattr(settings, "ACADEMY_BADGE_ISSUER_URL", site_url() + "/")


def badge_key_pem():
    """The signing key's PEM text, when the settings give it (else the file below)."""
    return getattr(settings, "ACADEMY_BADGE_KEY_PEM", "") or ""


def badge_key_may_be_created():
    """Whether a missing key file is created (a development site); production says no."""
    return bool(getattr(settings, "ACADEMY_BADGE_KEY_CREATE", True))


def badge_key_path():
    """Where the Ed25519 signing key file is (mode 0600)."""
    default = Path(getattr(settings, "BASE_DIR", ".")) / "private" / "badge-signing-key.pem"
    return Path(getattr(settings, "ACADEMY_BADGE_KEY_PATH", default))


def status_list_validity_hours():
    """How long a published revocation list stays valid; verifiers refuse older copies."""
    return int(getattr(settings, "ACADEMY_BADGE_STATUS_LIST_VALIDITY_HOURS", 24))
