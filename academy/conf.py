"""Settings an integrator may change, with their defaults (see README)."""

from pathlib import Path

from django.conf import settings

# The ILO catalog ships inside the package, so `load_catalog` works in any host site.
PACKAGED_CATALOG = Path(__file__).resolve().parent / "catalog" / "content"


def catalog_dir():
    return Path(getattr(settings, "ACADEMY_CATALOG_DIR", PACKAGED_CATALOG))


def catalog_languages():
    return getattr(settings, "ACADEMY_CATALOG_LANGUAGES", ["en", "fr", "es"])
