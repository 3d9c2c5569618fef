"""URLs of the bundled site: the Wagtail admin, then everything by language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Certificate verification and the badge issuer's public documents: no language
# prefix, so that printed links never go stale.
urlpatterns += [path("", include("credentials.public_urls"))]

urlpatterns += i18n_patterns(
    path("", include("academy.urls")),
    path("", include(wagtail_urls)),
)
