"""Public URLs served WITHOUT a language prefix, so that a printed link never
goes stale (LocaleMiddleware picks the language from the cookie or Accept-Language).
A site that embeds the academy includes them outside i18n_patterns:

    urlpatterns += [path("", include("credentials.public_urls"))]
"""

from django.urls import include, path

from . import views

public_patterns = [
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("badges/issuer/", views.issuer_profile, name="issuer"),
    path("badges/issuer/jwks.json", views.issuer_keys, name="jwks"),
    path("badges/status/revocation/", views.revocation_list, name="status_list"),
]

urlpatterns = [path("", include((public_patterns, "sse_credentials_public")))]
