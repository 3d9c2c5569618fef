from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    label = "sse_community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (course spaces follow the catalog)
        from .notify import register_visibility

        register_visibility()  # notifications about community content follow visibility.py
