from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "credentials"
    label = "sse_credentials"
    verbose_name = _("Certificates and badges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from courses.progress import course_completed

        from . import checks  # noqa: F401  (registers the badge key check)
        from .signals import queue_certificate

        course_completed.connect(queue_certificate, dispatch_uid="credentials.queue_certificate")
