"""Certificate URLs under a language prefix (academy.urls includes them at its root):
the holder's downloads, and the public pages again as /<lang>/verify/<code>/ — where
LocaleMiddleware sends a not-found page from the unprefixed address."""

from django.urls import include, path

from . import views
from .public_urls import public_patterns

app_name = "sse_credentials"

urlpatterns = [
    path("learn/certificates/<int:certificate_id>/certificate.pdf", views.download_pdf,
         name="download_pdf"),
    path("learn/certificates/<int:certificate_id>/badge.jwt", views.download_badge,
         name="download_badge"),
    path("", include((public_patterns, "sse_credentials_public"), namespace="localised")),
]
