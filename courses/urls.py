from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("courses/<int:page_id>/enrol/", views.enrol, name="enrol"),
    path("steps/<int:page_id>/complete/", views.complete_step, name="complete"),
    path(
        "steps/<int:page_id>/activities/<str:block_id>/",
        views.save_activity,
        name="save_activity",
    ),
    path("cohorts/join/", views.join_cohort, name="join_cohort"),
]
