"""Settings of the bundled demo site (`make run`); a host site has its own.

Everything an operator may change comes from the environment. With nothing set,
the site runs on the embedded default: SQLite, Celery tasks executed eagerly,
emails printed on the console.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-key-for-the-embedded-default-only")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "demo_site",
    "academy",
    "courses",
    "quizzes",
    "sse_notifications",
    "facilitation",
    "community",
    "community.moderation",
    "credentials",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Outermost, so that it also sees what WhiteNoise serves (production profile).
    "courses.h5p.middleware.H5PFileHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages leave compressed (a 200-lesson lesson page: ~11 KB → ~2 KB). Safe with CSRF
    # tokens: Django masks them anew in every response and pads each gzip response with
    # random bytes (DESIGN.md, "Speed"). Static files are compressed by WhiteNoise.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "demo_site.urls"
CSRF_FAILURE_VIEW = "academy.views.errors.csrf_failure"
WSGI_APPLICATION = "demo_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sse_notifications.context_processors.notifications",
            ],
        },
    },
]

# Connections are kept for a minute and checked before each request reuses one, so a
# connection the database dropped (a restart, a failover, an idle timeout) is replaced
# instead of failing the request.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "sse_academy:login"
LOGIN_REDIRECT_URL = "sse_academy:dashboard"
LOGOUT_REDIRECT_URL = "/"
# Where the pack's pages send people to sign up and log out (README, "Settings").
ACADEMY_SIGNUP_URL = "sse_academy:signup"
ACADEMY_LOGOUT_URL = "sse_academy:logout"

# Languages: interface strings through gettext, content as Wagtail translations.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Third-party front-end code installed by npm (make setup), served as static files.
STATICFILES_DIRS = [
    ("h5p-standalone", BASE_DIR / "node_modules" / "h5p-standalone" / "dist"),
]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Files (README, "Several nodes: storage"). On the local disk by default: media in
# MEDIA_ROOT, H5P files in MEDIA_ROOT/h5p, private files (uploads awaiting import,
# certificates, plans, exports, attachments) here, outside MEDIA_ROOT.
ACADEMY_PRIVATE_ROOT = Path(os.environ.get("ACADEMY_PRIVATE_ROOT", BASE_DIR / "private" / "files"))
# With a bucket, every node and worker shares one S3-compatible object store (credentials:
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, read by boto3).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # MinIO, Ceph, moto…
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or None
    STORAGES = {
        **STORAGES,
        # Wagtail images and documents: private objects, reached by signed URLs.
        "default": {"BACKEND": "storages.backends.s3.S3Storage",
                    "OPTIONS": {"location": "media", "file_overwrite": False}},
        # H5P files: public objects at stable URLs, each with its safety headers.
        "academy_h5p": {"BACKEND": "courses.h5p.s3.H5PS3Storage", "OPTIONS": {
            "location": "h5p", "querystring_auth": False,
            # "" when the bucket refuses ACLs: then a bucket policy makes h5p/* readable.
            "default_acl": os.environ.get("AWS_H5P_ACL", "public-read") or None,
            "custom_domain": os.environ.get("AWS_H5P_CUSTOM_DOMAIN") or None}},
        # Private files: no public access, no URL; the views stream them.
        "academy_private": {"BACKEND": "courses.storage_s3.PrivateS3Storage",
                            "OPTIONS": {"location": "private", "file_overwrite": False}},
    }

# Email: the console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SSE Academy <academy@localhost>")
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: the folder emails go to.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent_emails"))

# Celery: a real broker when CELERY_BROKER_URL is set, tasks run eagerly otherwise.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Two queues, one worker (or more) each (README, "Production"): long work (H5P imports,
# PDFs, exports, recounts) on its own queue, so emails and notifications never wait
# behind it.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
ACADEMY_LONG_QUEUE = os.environ.get("CELERY_LONG_QUEUE", "academy-long")
CELERY_TASK_ROUTES = {name: {"queue": ACADEMY_LONG_QUEUE} for name in (
    "courses.tasks.import_h5p_upload",
    "courses.tasks.recompute_course_progress",
    "credentials.tasks.issue_certificate",
    "academy.tasks.export_plan",
    "facilitation.tasks.build_dashboard_export",
)}
# Redis hands a task whose worker died before acknowledging it to another worker
# after this many seconds (kombu's default: one hour).
# Workers look for such tasks every few seconds: kombu 5.7's default sweep (10 s,
# throttled to every 10th) would wait ~100 s, longer than a short timeout.
if os.environ.get("CELERY_VISIBILITY_TIMEOUT"):
    _visibility = int(os.environ["CELERY_VISIBILITY_TIMEOUT"])
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": _visibility,
        "unacked_restore_interval": max(1, min(10, _visibility)),
        "unacked_restore_throttle": 1,
    }
# Certificates and badges (see README): the badge signing key, as a file or as its PEM
# text. Here a missing file is created on first use; the production profile refuses that.
ACADEMY_BADGE_KEY_PATH = Path(os.environ.get("ACADEMY_BADGE_KEY_PATH",
                                             BASE_DIR / "private" / "badge-signing-key.pem"))
ACADEMY_BADGE_KEY_PEM = os.environ.get("ACADEMY_BADGE_KEY_PEM", "")
# Celery beat (`make beat`): the daily notification digest, at this UTC hour.
ACADEMY_NOTIFICATIONS_DIGEST_HOUR = int(os.environ.get("ACADEMY_NOTIFICATIONS_DIGEST_HOUR", "6"))
CELERY_BEAT_SCHEDULE = {
    "notifications-daily-digest": {
        "task": "sse_notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=ACADEMY_NOTIFICATIONS_DIGEST_HOUR, minute=0),
    },
    "notifications-purge": {
        "task": "sse_notifications.tasks.purge_old_notifications",
        "schedule": crontab(hour=3, minute=30, day_of_week=0),
    },
    # Tasks whose write committed while the broker was down (courses/outbox.py).
    "outbox-sweep": {
        "task": "courses.tasks.sweep_outbox",
        "schedule": 60.0,
    },
}

# With CACHE_URL, Redis shared by every node; while it is unreachable the site serves
# without it (courses.cache: an empty cache, not an error; README, "Production").
CACHES = {
    "default": (
        {"BACKEND": "courses.cache.FailOpenRedisCache",
         "LOCATION": os.environ["CACHE_URL"]}
        if os.environ.get("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Sessions are read from the cache (Redis when CACHE_URL is set) and kept in the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# H5P player isolation (README, "H5P and security"): both empty, the player runs on
# the site's own origin.
ACADEMY_H5P_PLAYER_ORIGIN = os.environ.get("ACADEMY_H5P_PLAYER_ORIGIN", "")
ACADEMY_H5P_SITE_ORIGIN = os.environ.get("ACADEMY_H5P_SITE_ORIGIN", "")
if os.environ.get("ACADEMY_H5P_URL"):
    ACADEMY_H5P_URL = os.environ["ACADEMY_H5P_URL"]
# Uploads bigger than this (bytes) are imported by a worker rather than in the request.
if os.environ.get("ACADEMY_H5P_ASYNC_IMPORT_BYTES"):
    ACADEMY_H5P_ASYNC_IMPORT_BYTES = int(os.environ["ACADEMY_H5P_ASYNC_IMPORT_BYTES"])

# Security headers (README, "Security headers"): a strict Content-Security-Policy on
# every page (django-csp) and a Permissions-Policy (django-permissions-policy). Lesson
# pages with H5P add what the player needs themselves (courses/h5p/page_policy.py).
def bucket_sources():
    """Where Wagtail images and documents (signed URLs) come from when in a bucket."""
    if not AWS_STORAGE_BUCKET_NAME:
        return []
    endpoint = urlsplit(AWS_S3_ENDPOINT_URL or "https://amazonaws.com")
    return [f"{endpoint.scheme}://{endpoint.netloc}", f"{endpoint.scheme}://*.{endpoint.netloc}"]


_media_sources = env_list("CSP_MEDIA_SOURCES") or bucket_sources()
CONTENT_SECURITY_POLICY = {
    # The Wagtail admin runs inline scripts and styles: it keeps its own headers.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_media_sources],
        "media-src": ["'self'", *_media_sources],
        # Video blocks: the oEmbed providers whose players a lesson may frame.
        "frame-src": env_list("CSP_FRAME_SOURCES", "https://www.youtube.com,"
                              "https://www.youtube-nocookie.com,https://player.vimeo.com"),
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}
PERMISSIONS_POLICY = {
    feature: [] for feature in ("camera", "microphone", "geolocation", "payment", "usb",
                                "serial", "hid", "bluetooth", "midi", "display-capture",
                                "accelerometer", "gyroscope", "magnetometer", "browsing-topics")
} | {"fullscreen": ["self", *filter(None, [ACADEMY_H5P_PLAYER_ORIGIN.rstrip("/")]),
                    *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]]}

# Where `load_catalog` reads the courses (default: the catalog shipped in the package).
if os.environ.get("ACADEMY_CATALOG_DIR"):
    ACADEMY_CATALOG_DIR = Path(os.environ["ACADEMY_CATALOG_DIR"])

WAGTAIL_SITE_NAME = "SSE Academy"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Video blocks play uploaded mp4/webm/ogv documents with .vtt captions.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "pptx", "odp", "csv", "txt",
                          "mp4", "webm", "ogv", "vtt"]
# "Translate" makes drafts: a French copy is not shown to learners before a trainer
# has translated and published it (courses.translations).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Wagtail's responsive wrapper is an inline style, which the CSP refuses: the pack's CSS
# sizes video frames instead.
WAGTAILEMBEDS_RESPONSIVE_HTML = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The bundled site's Celery app, configured from the CELERY_* settings above.
# (A host site that embeds the apps uses its own Celery app instead.)
from demo_site.celery import app as celery_app  # noqa: E402,F401
