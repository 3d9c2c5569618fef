"""A small community world for tests: one course with two cohorts, the six roles,
and a thread in each kind of place (academy space, unified course topic, topic
divided by cohort, cohort-private space)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from community import spaces
from community.models import Post, Space, Thread, Topic
from community.rendering import render_markdown
from courses import progress
from courses.models import Cohort, CohortMembership, ModulePage
from courses.roles import FACILITATORS, LEARNERS, TRAINERS

ROLES = ["anonymous", "learner_in", "learner_out", "facilitator_in", "facilitator_out", "trainer"]


def make_user(username, *groups, first_name=""):
    user = get_user_model().objects.create_user(
        username=username, email=username, password="pw-community-123", first_name=first_name)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def make_thread(topic, author, title="A thread", *, kind=Thread.DISCUSSION, cohort=None,
                body="Hello", language="en", status=Post.PUBLISHED):
    thread = Thread.objects.create(topic=topic, cohort=cohort, kind=kind, title=title,
                                   author=author, language=language)
    make_post(thread, author, body, depth=Post.OPENING, language=language, status=status)
    return thread


def make_post(thread, author, body="A reply", *, depth=Post.RESPONSE, parent=None, language="en",
              status=Post.PUBLISHED):
    return Post.objects.create(thread=thread, parent=parent, depth=depth, author=author,
                               cohort=thread.cohort, language=language, body_markdown=body,
                               body_html=render_markdown(body), status=status)


def build_world(course):
    """`course` is a CoursePage of the loaded test catalog."""
    key = course.translation_key
    spaces.sync_course(course)
    cohort_in = Cohort.objects.create(name="Dakar 2026", course=course, language="fr")
    cohort_out = Cohort.objects.create(name="Lima 2026", course=course, language="es")
    w = SimpleNamespace(course=course, course_key=key, cohort_in=cohort_in, cohort_out=cohort_out)
    w.learner_in = make_user("ana@example.org", LEARNERS, first_name="Ana")
    w.learner_out = make_user("ben@example.org", LEARNERS, first_name="Ben")
    w.facilitator_in = make_user("fatou@example.org", FACILITATORS, first_name="Fatou")
    w.facilitator_out = make_user("fede@example.org", FACILITATORS, first_name="Fede")
    w.trainer = make_user("tom@example.org", TRAINERS, first_name="Tom")
    for learner, cohort in ((w.learner_in, cohort_in), (w.learner_out, cohort_out)):
        progress.enrol(learner, course)
        CohortMembership.objects.create(cohort=cohort, user=learner)
    cohort_in.facilitators.add(w.facilitator_in)
    cohort_out.facilitators.add(w.facilitator_out)

    w.academy_space = spaces.academy_space()
    w.course_space = Space.objects.get(kind=Space.COURSE, course_key=key)
    w.cohort_space = Space.objects.get(kind=Space.COHORT, cohort=cohort_in)
    w.academy_topic = w.academy_space.topics.get(module_key=None)
    w.course_topic = w.course_space.topics.get(module_key=None)
    first_module = ModulePage.objects.child_of(course).order_by("path").first()
    w.divided_topic = Topic.objects.get(space=w.course_space, module_key=first_module.translation_key)
    w.divided_topic.mode = Topic.DIVIDED
    w.divided_topic.save()
    w.cohort_topic = w.cohort_space.topics.get(module_key=None)

    w.academy_thread = make_thread(w.academy_topic, w.learner_in, "Academy thread")
    w.course_thread = make_thread(w.course_topic, w.learner_in, "Course thread", kind=Thread.QUESTION)
    w.divided_thread = make_thread(w.divided_topic, w.learner_in, "Dakar module thread",
                                   cohort=cohort_in)
    w.cohort_thread = make_thread(w.cohort_space.topics.get(), w.learner_in, "Dakar private thread")
    w.ideas_thread = make_thread(w.course_topic, w.facilitator_in, "Ideas round", kind=Thread.IDEAS)
    return w


def user_of(world, role):
    return None if role == "anonymous" else getattr(world, role)


def client_for(world, role):
    client = Client()
    user = user_of(world, role)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def fresh_cache():
    """Rate-limit counters live in the cache; ids are reused between tests on SQLite.
    Also starts from English: reverse() follows the language an earlier test left active."""
    cache.clear()
    translation.activate("en")
    yield
    cache.clear()


def image_bytes(fmt="PNG", size=(4, 3)):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
