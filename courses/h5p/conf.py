"""H5P settings an integrator may change (README, "Configuration")."""

from pathlib import Path

from django.conf import settings

# The newest H5P core API the bundled player provides. h5p-standalone 3.8 took H5P core's
# scripts as released with core API 1.27 (its 3.8.0 "update h5p core vendor library to
# match upstream", January 2025): the reworked H5P.Tooltip that content types needing
# 1.27 call is in its frame.bundle.js. H5P core refuses a library needing a newer API.
PLAYER_CORE_API = (1, 27)

# The player that `manage.py install_h5p_player` fetches from the npm registry: the same
# version and integrity as package-lock.json (tests/test_h5p_player_assets.py checks it).
PLAYER_PACKAGE = "h5p-standalone"
PLAYER_VERSION = "3.8.2"
PLAYER_INTEGRITY = ("sha512-r7eQtTzBk/dbaQZ+tA9XD5FeSmyMxlypRZXudiheCnC8zAT0/zNgUvO4MZtZaznwfYVo98o7d"
                    "o5uxLTUQrxxwg==")
# Static path prefix of the player's files: STATICFILES_DIRS gets ("h5p-standalone", <folder>).
PLAYER_STATIC_PREFIX = "h5p-standalone"


def setting(name, default):
    return getattr(settings, f"ACADEMY_H5P_{name}", default)


def storage_root():
    """The local folder of H5P files when no STORAGES["academy_h5p"] is set (files.py)."""
    return Path(setting("ROOT", Path(settings.MEDIA_ROOT) / "h5p"))


def public_url():
    """Where the player fetches H5P files: ACADEMY_H5P_URL, else the H5P storage's own
    URL (a bucket's, or MEDIA_URL + 'h5p' on the local disk)."""
    configured = setting("URL", "")
    if configured:
        return configured.rstrip("/")
    from .files import has_own_storage, storage

    if has_own_storage():
        return storage().url("").rstrip("/")
    return settings.MEDIA_URL.rstrip("/") + "/h5p"


def player_origin():
    """Where the player runs in isolated mode ("https://h5p.example.org"); "" keeps it
    on the site's own origin (the default)."""
    return setting("PLAYER_ORIGIN", "").rstrip("/")


def site_origin():
    """The site's own origin: the only page allowed to frame the isolated player and
    the only one it talks to."""
    return setting("SITE_ORIGIN", "").rstrip("/")


MAX_FILE_BYTES = lambda: setting("MAX_FILE_BYTES", 50 * 1024 * 1024)  # noqa: E731
MAX_TOTAL_BYTES = lambda: setting("MAX_TOTAL_BYTES", 300 * 1024 * 1024)  # noqa: E731
MAX_ENTRIES = lambda: setting("MAX_ENTRIES", 3000)  # noqa: E731
MAX_RATIO = lambda: setting("MAX_COMPRESSION_RATIO", 100)  # noqa: E731
MAX_STATEMENT_BYTES = lambda: setting("MAX_STATEMENT_BYTES", 64 * 1024)  # noqa: E731
ASYNC_IMPORT_BYTES = lambda: setting("ASYNC_IMPORT_BYTES", 10 * 1024 * 1024)  # noqa: E731

# File extensions: H5P core's default whitelists (H5PCore::$defaultContentWhitelist and,
# for libraries, those plus $defaultLibraryWhitelistExtras). Like H5P core: no html,
# php or exe anywhere, no svg or xml in content, where an uploaded file could carry script.
CONTENT_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt pdf "
    "rtf doc docx xls xlsx ppt pptx odt ods odp csv diff patch swf md textile vtt webvtt gltf "
    "glb".split())
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css", "svg", "xml"}


def npm_registry():
    return setting("NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")
