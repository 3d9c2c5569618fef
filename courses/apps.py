from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    label = "sse_courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # signals connects page-structure receivers; translations registers its check.
        from . import signals, translations  # noqa: F401
        from .h5p import checks  # noqa: F401  (registers the isolated-player checks)
        from .models import CourseIndexPage
        from .role_setup import grant_new_catalogue, sync_roles_after_migrate

        if apps.is_installed("wagtail_localize"):
            from .localize_labels import install

            install()
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="sse_courses.roles")
        post_save.connect(grant_new_catalogue, sender=CourseIndexPage,
                          dispatch_uid="sse_courses.grant_new_catalogue")
        from wagtail.images import get_image_model

        from .image_metadata import strip_on_upload

        pre_save.connect(strip_on_upload, sender=get_image_model(),
                         dispatch_uid="sse_courses.image_metadata")
