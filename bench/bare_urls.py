"""The demo site's URLs plus /bench/bare/, the yardstick of the served benchmark: a
view that reads the session and the signed-in user and renders a few bytes, through
the same settings and middleware as every page."""

from django.http import HttpResponse
from django.urls import path

from demo_site.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse(f"bare {request.user.get_username()}", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
