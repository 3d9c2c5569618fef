"""The Celery app of the bundled site: `celery -A demo_site.celery worker`.

Tasks are declared with @shared_task in each app's tasks.py, so a host site
that embeds the apps runs them with its own Celery app.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_site.settings.base")

app = Celery("demo_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
