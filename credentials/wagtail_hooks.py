"""Certificates in the Wagtail admin: a list for trainers, each with its details and
the revoke / reinstate form. Certificates are made by the issuing task only, so there
is no add, edit or delete view."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from courses.role_setup import TRAINER_PERMISSIONS_HOOK

from . import admin_views
from .models import Certificate

HIDDEN_VIEWS = ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name",
                "usage_url_name")


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "tasks"
    menu_label = _("Certificates")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "certificates"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = admin_views.CertificateInspectView
    inspect_template_name = "sse_credentials/admin/inspect.html"
    inspect_view_fields = ["code", "holder_name", "course_title", "language", "issued_at",
                           "revoked_at", "revocation_reason"]
    list_display = ["code", "holder_name", "course_title", "issued_at",
                    Column("revoked_at", label=_("Revoked"))]
    list_filter = ["language"]
    search_fields = ["code", "holder_name", "course_title"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{name: None for name in HIDDEN_VIEWS}, **kwargs)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("revoke/<int:pk>/", admin_views.revoke, name="revoke"),
            path("reinstate/<int:pk>/", admin_views.reinstate, name="reinstate"),
        ]


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("sse_credentials_certificate")


@hooks.register(TRAINER_PERMISSIONS_HOOK)
def trainer_permissions():
    """Trainers list certificates, and revoke or reinstate them."""
    return ["sse_credentials.view_certificate", "sse_credentials.revoke_certificate"]
