from django.apps import AppConfig


class DemoSiteConfig(AppConfig):
    name = "demo_site"
    label = "sse_demo_site"
    verbose_name = "SSE Academy demo site"
    default_auto_field = "django.db.models.BigAutoField"
