"""Settings for the test suite: the base settings, with fast password hashing.

DATABASE_URL and CELERY_BROKER_URL are read as in base; tasks stay eager unless
a test starts a real worker (see tests/conftest.py).
"""

from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The suite loads a small frozen catalog; tests/test_full_catalog.py checks the real one.
ACADEMY_CATALOG_DIR = BASE_DIR / "tests" / "catalog"  # noqa: F405

# A throwaway badge signing key per test run, never the site's.
import tempfile  # noqa: E402

ACADEMY_BADGE_KEY_PATH = Path(tempfile.mkdtemp(prefix="academy-badge-key-")) / "badge.pem"  # noqa: F405
# Private files (certificates, plans, exports…) in a throwaway folder too.
ACADEMY_PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="academy-private-"))  # noqa: F405
