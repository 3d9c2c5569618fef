from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "community.moderation"
    label = "sse_moderation"
    verbose_name = _("Community moderation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from community import hooks

        from . import checks

        # community declares the hooks; moderation fills them (imports point down only).
        if checks.refuse_suspended not in hooks.posting_checks:
            hooks.posting_checks.append(checks.refuse_suspended)
        if checks.hold_first_posts not in hooks.initial_status_checks:
            hooks.initial_status_checks.append(checks.hold_first_posts)
