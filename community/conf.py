"""Community settings an integrator may change, with their defaults (see README)."""

from django.conf import settings


def _get(name, default):
    return getattr(settings, name, default)


def supports_per_space():
    return _get("ACADEMY_COMMUNITY_SUPPORTS_PER_SPACE", 5)


def endorsement_threshold():
    return _get("ACADEMY_COMMUNITY_ENDORSEMENT_THRESHOLD", 10)


def edit_window_minutes():
    return _get("ACADEMY_COMMUNITY_EDIT_WINDOW_MINUTES", 30)


def rate_limit(action):
    """(count, seconds): at most `count` actions of this kind per person per `seconds`.
    ACADEMY_RATE_<ACTION> wins (courses.ratelimit reads it); the older
    ACADEMY_COMMUNITY_RATE_<ACTION>, then these defaults, come next."""
    defaults = {
        "post": (10, 60),
        "report": (10, 3600),
        "support": (20, 60),
        "like": (60, 60),
        "translate": (30, 60),
    }
    return tuple(_get(f"ACADEMY_COMMUNITY_RATE_{action.upper()}", defaults.get(action, (30, 60))))


def max_image_bytes():
    return _get("ACADEMY_COMMUNITY_MAX_IMAGE_BYTES", 5 * 1024 * 1024)


def max_pdf_bytes():
    return _get("ACADEMY_COMMUNITY_MAX_PDF_BYTES", 10 * 1024 * 1024)


def max_image_pixels():
    return _get("ACADEMY_COMMUNITY_MAX_IMAGE_PIXELS", 40_000_000)


def max_attachments_per_post():
    return _get("ACADEMY_COMMUNITY_MAX_ATTACHMENTS", 3)


def threads_per_page():
    return _get("ACADEMY_COMMUNITY_THREADS_PER_PAGE", 25)


def responses_per_page():
    return _get("ACADEMY_COMMUNITY_RESPONSES_PER_PAGE", 20)


def machine_translation_provider():
    return _get("ACADEMY_MACHINE_TRANSLATION_PROVIDER", "")
