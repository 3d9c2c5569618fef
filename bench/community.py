"""Community flows for the benchmark, and the bulk builders the query-count tests share.

"posts": a thread page with N posts (responses with comments, likes, attachments).
"threads": a course space page and the space index with N threads.
Rows are written with bulk_create so large scale points build in seconds.
"""

import itertools

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

_serial = itertools.count()


def _course():
    from courses.models import CoursePage

    return CoursePage.objects.live().filter(locale__language_code="en").order_by("path").first()


def community_member(label):
    """A learner enrolled in the first catalog course, in one of its cohorts."""
    from courses.models import Cohort, CohortMembership
    from courses.progress import enrol

    course = _course()
    user = get_user_model().objects.create_user(
        username=f"{label}@example.org", email=f"{label}@example.org", password="x",
        first_name=label.title())
    enrol(user, course)
    cohort = Cohort.objects.create(name=f"Cohort {label}", course=course, language="en")
    CohortMembership.objects.create(cohort=cohort, user=user)
    return user, course


def build_thread(user, course, posts, title):
    """A question thread in the course space with `posts` posts besides the opening one:
    two in five are responses, the others comments spread over them."""
    from community import spaces
    from community.models import Attachment, Post, PostLike, Thread
    from community.rendering import render_markdown

    topic = spaces.course_space(course.translation_key).topics.get(module_key=None)
    authors = [get_user_model().objects.create_user(username=f"author-{next(_serial)}@example.org",
                                                    password="x") for _ in range(5)]
    thread = Thread.objects.create(topic=topic, kind=Thread.QUESTION, title=title, author=user,
                                   language="en")
    body = "We *tried* this in our cooperative: " + "words " * 40
    html = render_markdown(body)
    Post.objects.create(thread=thread, depth=Post.OPENING, author=user, language="en",
                        body_markdown=body, body_html=html)
    responses = Post.objects.bulk_create([
        Post(thread=thread, depth=Post.RESPONSE, author=authors[n % 5], language=("en", "fr")[n % 2],
             body_markdown=body, body_html=html)
        for n in range(max(1, posts * 2 // 5))])
    comments = posts - len(responses)
    Post.objects.bulk_create([
        Post(thread=thread, depth=Post.COMMENT, parent=responses[n % len(responses)],
             author=authors[n % 5], language="en", body_markdown="Agreed. " * 5,
             body_html="<p>Agreed.</p>")
        for n in range(comments)])
    Attachment.objects.bulk_create([
        Attachment(post=response, kind=Attachment.PDF, filename="notes.pdf",
                   content_type="application/pdf", size=9,
                   file=ContentFile(b"%PDF-1.4\n", name="notes.pdf"))
        for response in responses[::10]])
    PostLike.objects.bulk_create([PostLike(post=response, user=user) for response in responses[::3]])
    Thread.objects.filter(pk=thread.pk).update(accepted_post=responses[-1])
    return thread


def build_threads(user, course, count):
    """`count` threads in the course space, each with an opening post, two replies, a tag."""
    from community import spaces
    from community.models import Post, Tag, Thread

    space = spaces.course_space(course.translation_key)
    topics = list(space.topics.all())
    now = timezone.now()
    threads = Thread.objects.bulk_create([
        Thread(topic=topics[n % len(topics)], kind=Thread.DISCUSSION, title=f"Bench thread {n}",
               author=user, language=("en", "fr", "es")[n % 3],
               last_activity_at=now - timezone.timedelta(minutes=n))
        for n in range(count)])
    Post.objects.bulk_create([
        Post(thread=thread, depth=depth, author=user, language=thread.language,
             body_markdown="Text", body_html="<p>Text</p>")
        for thread in threads for depth in (Post.OPENING, Post.RESPONSE, Post.RESPONSE)])
    tag, _ = Tag.objects.get_or_create(name="bench")
    Thread.tags.through.objects.bulk_create([
        Thread.tags.through(thread_id=thread.pk, tag_id=tag.pk) for thread in threads])
    return space


def posts_scenario(size):
    user, course = community_member(f"reader-posts-{size}")
    thread = build_thread(user, course, size, f"Bench question {size}")
    return {"user": user, "thread": thread}


def threads_scenario(size):
    user, course = community_member(f"reader-threads-{size}")
    space = build_threads(user, course, size)
    return {"user": user, "space": space}


def thread_page(scenario):
    url = reverse("sse_community:thread", args=[scenario["thread"].pk])
    return lambda: ("get", url, None, "Accepted answer")


def space_page(scenario):
    url = reverse("sse_community:space", args=[scenario["space"].pk])
    return lambda: ("get", url, None, "#bench")


def space_index(scenario):
    return lambda: ("get", reverse("sse_community:index"), None, "Academy-wide space")


POSTS_GROUP = ("posts", posts_scenario, [("thread page", thread_page)])
THREADS_GROUP = ("threads", threads_scenario, [("space page", space_page),
                                               ("community index", space_index)])
