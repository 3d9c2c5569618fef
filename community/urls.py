from django.urls import path

from .views import actions, browse

app_name = "sse_community"

urlpatterns = [
    path("", browse.index, name="index"),
    path("search/", browse.search_page, name="search"),
    path("spaces/<int:space_id>/", browse.space, name="space"),
    path("spaces/<int:space_id>/follow/", actions.follow, name="follow_space"),
    path("spaces/<int:space_id>/topics/<int:topic_id>/new/", actions.new_thread, name="new_thread"),
    path("threads/<int:thread_id>/", browse.thread, name="thread"),
    path("threads/<int:thread_id>/reply/", actions.reply, name="reply"),
    path("threads/<int:thread_id>/ideas/", actions.add_idea, name="add_idea"),
    path("threads/<int:thread_id>/synthesis/", actions.synthesis, name="synthesis"),
    path("threads/<int:thread_id>/follow/", actions.follow, name="follow_thread"),
    path("posts/<int:post_id>/like/", actions.like, name="like"),
    path("posts/<int:post_id>/accept/", actions.accept, name="accept"),
    path("posts/<int:post_id>/edit/", actions.edit, name="edit"),
    path("posts/<int:post_id>/translate/", actions.translate, name="translate"),
    path("ideas/<int:idea_id>/support/", actions.support, name="support"),
    path("attachments/<uuid:attachment_id>/", browse.attachment, name="attachment"),
    path("courses/<uuid:course_key>/what-we-learned/", browse.what_we_learned, name="learned"),
]
