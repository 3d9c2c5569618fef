"""The read side of moderation: the queue and the log, in a fixed number of queries
whatever the number of reports (bench/ and the tests count them)."""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from community.models import Post
from community.titles import label_spaces, label_topics
from community.viewers import viewer_for

from . import conf
from .models import ModerationAction, Report, Suspension
from .permissions import moderated_log_q, moderated_posts_q, moderated_spaces_q


def open_reports():
    return Report.objects.filter(resolved_at__isnull=True)


def queue(user, page=1):
    """Posts the viewer moderates that wait for a decision: pending, or with open reports.
    One row per post, its open reports attached (grouped by post)."""
    viewer = viewer_for(user)
    reported = Exists(open_reports().filter(post=OuterRef("pk")))
    posts = (Post.objects.filter(moderated_posts_q(viewer))
             .filter(Q(status=Post.PENDING) | Q(reported))
             .annotate(open_report_count=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
             .select_related("author", "thread__topic__space__cohort", "thread__cohort")
             .prefetch_related(Prefetch("reports", to_attr="open_reports",
                                        queryset=open_reports().select_related("reporter")))
             .order_by("-open_report_count", "created_at", "id"))
    page_obj = Paginator(posts, conf.queue_page_size()).get_page(page)
    items = list(page_obj.object_list)
    label_spaces([post.thread.topic.space for post in items])
    label_topics([post.thread.topic for post in items])
    return page_obj, items


def active_suspensions(user):
    viewer = viewer_for(user)
    suspensions = list(Suspension.active().filter(moderated_spaces_q(viewer, "space__"))
                       .select_related("user", "space__cohort", "by").order_by("until")[:100])
    label_spaces([suspension.space for suspension in suspensions])
    return suspensions


def log(user, page=1, action=None):
    viewer = viewer_for(user)
    entries = ModerationAction.objects.filter(moderated_log_q(viewer))
    if action:
        entries = entries.filter(action=action)
    entries = entries.select_related("actor", "target_user", "thread", "space__cohort")
    page_obj = Paginator(entries, 50).get_page(page)
    items = list(page_obj.object_list)
    label_spaces([entry.space for entry in items if entry.space])
    return page_obj, items
