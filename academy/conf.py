"""Settings an integrator may change, with their defaults (see README)."""

from pathlib import Path

from django.conf import settings


def catalog_dir():
    default = Path(settings.BASE_DIR) / "catalog" if hasattr(settings, "BASE_DIR") else None
    return Path(getattr(settings, "ACADEMY_CATALOG_DIR", default))


def catalog_languages():
    return getattr(settings, "ACADEMY_CATALOG_LANGUAGES", ["en", "fr", "es"])
