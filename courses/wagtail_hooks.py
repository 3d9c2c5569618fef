from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import structure_views
from .h5p import admin_views as h5p_admin
from .h5p import chooser as h5p_chooser
from .h5p import lrs_admin
from .h5p.content_types import with_content_type
from .models import Cohort, CoursePage, H5PPackage, ModulePage, StepPage
from .role_setup import TRAINER_PERMISSIONS_HOOK
from .structure_views import structure_url


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "course", "language", "join_code", "starts_on", "ends_on"]
    list_filter = ["language"]
    search_fields = ["name", "join_code"]


register_snippet(CohortViewSet)


class H5PPackageViewSet(SnippetViewSet):
    """Packages are listed and chosen here; they are added by uploading (below, or from
    the chooser's Upload tab)."""

    model = H5PPackage
    icon = "code"
    menu_label = _("H5P packages")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["title", h5p_chooser.content_type_column(), h5p_chooser.preview_column(),
                    "created_at"]
    search_fields = ["title", "main_library"]
    chooser_viewset_class = h5p_chooser.H5PChooserViewSet

    def get_queryset(self, request):
        return with_content_type(H5PPackage.objects.all())


register_snippet(H5PPackageViewSet)


class UploadMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("sse_courses.add_h5pupload")


@hooks.register("register_admin_urls")
def h5p_admin_urls():
    return [
        path("h5p/upload/", h5p_admin.upload, name="sse_h5p_upload"),
        path("h5p/<uuid:package_id>/preview/", h5p_admin.preview, name="sse_h5p_preview"),
        path("courses/<int:page_id>/structure/", structure_views.structure,
             name="sse_course_structure"),
        path("courses/structure/move/<int:page_id>/", structure_views.move,
             name="sse_course_structure_move"),
        path("h5p/statements/<int:page_id>/", h5p_admin.export_statements,
             name="sse_h5p_statements"),
        path("lrs/refused/", lrs_admin.refused_statements, name="sse_lrs_refused"),
    ]


@hooks.register("register_admin_menu_item")
def h5p_upload_menu_item():
    return UploadMenuItem(_("Upload H5P"), reverse("sse_h5p_upload"), icon_name="upload", order=311)


class RefusedStatementsMenuItem(MenuItem):
    def is_shown(self, request):
        return lrs_admin.may_see(request.user)


@hooks.register("register_settings_menu_item")
def lrs_refused_menu_item():
    return RefusedStatementsMenuItem(_("LRS refusals"), reverse("sse_lrs_refused"),
                                     icon_name="warning", order=900)


@hooks.register(TRAINER_PERMISSIONS_HOOK)
def trainer_permissions():
    """Trainers upload and choose H5P packages and export their statements."""
    return ["sse_courses.view_h5ppackage", "sse_courses.change_h5ppackage",
            "sse_courses.add_h5pupload", "sse_courses.view_h5pupload",
            "sse_courses.view_xapistatement"]


@hooks.register("register_page_header_buttons")
def structure_button(page, user, view_name=None, next_url=None):
    """"Course structure" on a course, and on its modules and steps (for their course)."""
    from wagtail.admin.widgets import Button

    from .course_structure import course_of

    specific = page.specific_deferred
    if not isinstance(specific, CoursePage | ModulePage | StepPage):
        return
    course = course_of(page)
    if course is not None and course.permissions_for_user(user).can_edit():
        yield Button(_("Course structure"), structure_url(course), icon_name="list-ul",
                     priority=50)
