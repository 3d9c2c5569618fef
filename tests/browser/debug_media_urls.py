"""The demo site's URLs as `make run` (DEBUG) has them: media files served by Django's
static view, through the middleware. (The live server answers MEDIA_URL itself, before
any middleware, so these tests serve media under another prefix.)"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from demo_site.urls import urlpatterns as site_urlpatterns

PREFIX = "/site-media/"


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^site-media/(?P<path>.*)$", media), *site_urlpatterns]
