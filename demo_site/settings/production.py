"""Production profile: `DJANGO_SETTINGS_MODULE=demo_site.settings.production`.

Passes `manage.py check --deploy`. SECRET_KEY and ALLOWED_HOSTS must come from
the environment; static files are served by WhiteNoise from STATIC_ROOT.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import MIDDLEWARE, STORAGES, env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY (at least 50 random characters) in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names) in production.")

# WhiteNoise right after SecurityMiddleware (the H5P files middleware stays first).
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [*MIDDLEWARE[:_after_security], "whitenoise.middleware.WhiteNoiseMiddleware",
              *MIDDLEWARE[_after_security:]]

# Password-reset links must reach people, not the server's console.
if not os.environ.get("EMAIL_HOST"):
    raise ImproperlyConfigured("Set EMAIL_HOST (and EMAIL_HOST_USER/PASSWORD) in production.")

# One identity on every node: the badge signing key comes from the environment (the
# file every node and worker is given, or its text), never created here.
ACADEMY_BADGE_KEY_CREATE = False
if not (os.environ.get("ACADEMY_BADGE_KEY_PEM") or os.environ.get("ACADEMY_BADGE_KEY_PATH")):
    raise ImproperlyConfigured(
        "Set ACADEMY_BADGE_KEY_PATH (a key file every node can read) or ACADEMY_BADGE_KEY_PEM "
        "in production; `manage.py create_badge_key <file>` makes one.")
if not (os.environ.get("ACADEMY_BADGE_KEY_PEM") or ACADEMY_BADGE_KEY_PATH.is_file()):  # noqa: F405
    raise ImproperlyConfigured(
        f"ACADEMY_BADGE_KEY_PATH names no file: {ACADEMY_BADGE_KEY_PATH}.")  # noqa: F405

# Cached sessions need a cache every worker shares; without CACHE_URL, use the database.
if not os.environ.get("CACHE_URL"):
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

# Files stay where base put them (the local disk, or the bucket: README, "Several nodes").
STORAGES = {**STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# Trust X-Forwarded-Proto only behind a proxy that sets it (BEHIND_TLS_PROXY=true).
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"  # Wagtail previews override it for themselves
