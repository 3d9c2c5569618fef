"""System checks for the isolated H5P player: a half-configured isolation would
either break every H5P activity or silently run third-party code on the site."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

from . import conf


def is_origin(value):
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and parts.path in {"", "/"} \
        and not (parts.query or parts.fragment)


@checks.register()
def isolated_player_settings(app_configs, **kwargs):
    player, site = conf.player_origin(), conf.site_origin()
    if not player:
        return []
    problems = []
    if not is_origin(player):
        problems.append(checks.Error(
            "ACADEMY_H5P_PLAYER_ORIGIN must be an origin such as https://h5p.example.org.",
            id="sse_courses.E001"))
    if not is_origin(site):
        problems.append(checks.Error(
            "ACADEMY_H5P_SITE_ORIGIN must name the site's own origin when the player is isolated.",
            id="sse_courses.E002"))
    elif site == player:
        problems.append(checks.Error(
            "ACADEMY_H5P_PLAYER_ORIGIN must differ from ACADEMY_H5P_SITE_ORIGIN, or nothing is isolated.",
            id="sse_courses.E003"))
    url = conf.public_url()
    if urlsplit(url).netloc and not url.startswith(player + "/"):
        problems.append(checks.Warning(
            "ACADEMY_H5P_URL points outside ACADEMY_H5P_PLAYER_ORIGIN: H5P files would load "
            "from another origin than the player.", id="sse_courses.W001"))
    return problems


@checks.register(checks.Tags.security)
def isolated_player_in_production(app_configs, **kwargs):
    """On the site's own origin, every H5P library runs with the visitor's session."""
    if settings.DEBUG or conf.player_origin():
        return []
    return [checks.Warning(
        "The H5P player runs on the site's own origin: an uploaded package's code runs with "
        "the session of whoever opens it.",
        hint="Set ACADEMY_H5P_PLAYER_ORIGIN and ACADEMY_H5P_SITE_ORIGIN, and serve the H5P "
             "files from the player origin (README, \"H5P and security\").",
        id="sse_courses.W003")]


@checks.register(checks.Tags.staticfiles)
def player_assets_found(app_configs, **kwargs):
    """H5P lessons need the player's files among the static files."""
    from django.contrib.staticfiles import finders

    if finders.find(f"{conf.PLAYER_STATIC_PREFIX}/main.bundle.js"):
        return []
    return [checks.Warning(
        "The H5P player is not among the static files, so H5P activities will not load.",
        hint="Run `manage.py install_h5p_player <folder>` and add "
             "(\"h5p-standalone\", <folder>) to STATICFILES_DIRS (README, \"Embedding\").",
        id="sse_courses.W002")]
