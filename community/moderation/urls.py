from django.urls import path

from .views import actions, queue, reports

app_name = "sse_moderation"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("log/", queue.log, name="log"),
    path("posts/<int:post_id>/report/", reports.report, name="report"),
    path("posts/<int:post_id>/", actions.post_page, name="post"),
    path("posts/<int:post_id>/edit/", actions.edit, name="edit"),
    path("posts/<int:post_id>/suspend-author/", actions.suspend, name="suspend"),
    path("posts/<int:post_id>/<slug:action>/", actions.post_action, name="post_action"),
    path("threads/<int:thread_id>/", actions.thread_page, name="thread"),
    path("threads/<int:thread_id>/move/", actions.move, name="move"),
    path("threads/<int:thread_id>/<slug:action>/", actions.thread_action, name="thread_action"),
    path("suspensions/<int:suspension_id>/lift/", actions.lift, name="lift"),
]
