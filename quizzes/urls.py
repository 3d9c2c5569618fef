from django.urls import path

from . import grading_views, views

app_name = "sse_quizzes"

urlpatterns = [
    path("quizzes/<int:page_id>/start/", views.start, name="start"),
    path("attempts/<uuid:attempt_id>/", views.attempt_page, name="attempt"),
    path("attempts/<uuid:attempt_id>/save/", views.save, name="save"),
    path("attempts/<uuid:attempt_id>/submit/", views.submit, name="submit"),
    path("attempts/<uuid:attempt_id>/review/", views.review, name="review"),
    path("grading/", grading_views.queue, name="grading"),
    path("grading/<uuid:attempt_id>/", grading_views.grade, name="grade"),
]
