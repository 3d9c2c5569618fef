"""A package's content type in words: its main library's own title ("Multiple Choice",
"Interactive Video"), as the library declares it."""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from ..models import H5PLibrary


def with_content_type(packages):
    """Packages annotated with `content_type`: the title of their main library (newest
    version), or its machine name when the library is not stored."""
    title = H5PLibrary.objects.filter(machine_name=OuterRef("main_library")) \
        .order_by("-major", "-minor", "-patch").values("title")[:1]
    return packages.annotate(content_type=Coalesce(Subquery(title), F("main_library")))
