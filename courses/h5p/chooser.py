"""The H5P package chooser in the page editor: each package with its content type (the
main library's own title, e.g. "Multiple Choice") and a link that plays it in a new tab;
a search; and an Upload tab that imports a package and chooses it at once."""

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetCreateView,
)

from ..models import H5PUpload
from ..tasks import import_h5p_upload
from . import conf
from .admin_views import UploadForm, store_upload
from .content_types import with_content_type

UPLOAD_PERMISSION = "sse_courses.add_h5pupload"


def content_type_column():
    return Column("content_type", label=gettext_lazy("Content type"))


class PreviewColumn(Column):
    cell_template_name = "sse_courses/admin/h5p_preview_cell.html"


def preview_column():
    return PreviewColumn("preview", label=gettext_lazy("Preview"),
                         accessor=lambda package: reverse("sse_h5p_preview", args=[package.pk]))


class PackageFilterForm(BaseFilterForm):
    q = forms.CharField(label=gettext_lazy("Search term"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Search")}))

    def filter(self, objects):
        query = self.cleaned_data.get("q", "").strip()
        if query:
            objects = objects.filter(Q(title__icontains=query) | Q(content_type__icontains=query))
            self.is_searching, self.search_query = True, query
        return objects


class ChooserUploadForm(UploadForm):
    def clean_file(self):
        upload = super().clean_file()
        if upload.size > conf.ASYNC_IMPORT_BYTES():
            raise forms.ValidationError(_(
                "This package is large: upload it on the “Upload H5P” page, where it is "
                "imported in the background, then choose it here."))
        return upload


class PackageListingMixin:
    filter_form_class = PackageFilterForm

    def get_object_list(self):
        return with_content_type(super().get_object_list())

    @property
    def columns(self):
        return super().columns + [content_type_column(), preview_column()]

    def can_create(self):
        return self.request.user.has_perm(UPLOAD_PERMISSION)


class PackageChooseView(PackageListingMixin, ChooseView):
    pass


class PackageChooseResultsView(PackageListingMixin, ChooseResultsView):
    pass


class PackageUploadView(SnippetCreateView):
    """Imports the package now (small ones only, see ChooserUploadForm) and chooses it;
    a refused package shows the validator's reasons in the form."""

    def can_create(self):
        return self.request.user.has_perm(UPLOAD_PERMISSION)

    def post(self, request):
        self.form = self.get_creation_form()
        if self.form.is_valid():
            record = store_upload(self.form.cleaned_data["file"], request.user)
            import_h5p_upload.apply(args=[record.pk])
            record.refresh_from_db()
            if record.state == H5PUpload.IMPORTED and record.package is not None:
                return self.get_chosen_response(record.package)
            self.form.add_error("file", record.message or _("The package was refused."))
        return self.get_reshow_creation_form_response()


class H5PChooserViewSet(SnippetChooserViewSet):
    choose_view_class = PackageChooseView
    choose_results_view_class = PackageChooseResultsView
    create_view_class = PackageUploadView
    creation_form_class = ChooserUploadForm
    create_action_label = gettext_lazy("Upload")
    create_action_clicked_label = gettext_lazy("Uploading…")
    creation_tab_label = gettext_lazy("Upload")
