from django.urls import path

from . import views
from .h5p import embed as h5p_embed
from .h5p import views as h5p_views

app_name = "sse_courses"

urlpatterns = [
    path("courses/<int:page_id>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:page_id>/continue/", views.continue_course, name="continue"),
    path("steps/<int:page_id>/complete/", views.complete_step, name="complete"),
    path(
        "steps/<int:page_id>/activities/<str:block_id>/",
        views.save_activity,
        name="save_activity",
    ),
    path("cohorts/join/", views.join_cohort, name="join_cohort"),
    path("h5p/<int:page_id>/<str:block_id>/xapi/", h5p_views.xapi, name="h5p_xapi"),
    path("h5p/<int:page_id>/<str:block_id>/state/", h5p_views.state, name="h5p_state"),
    path("h5p/play/<uuid:package_id>/", h5p_embed.embed, name="h5p_embed"),
]
