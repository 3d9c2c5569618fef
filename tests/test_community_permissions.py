"""The permission matrix: six roles × every community page and action, with the status
each must get. 404 where the person may not even know the thing exists (another cohort's
discussions), 403 where they see it but may not act, 302 (redirect back) on success."""

import pytest
from django.urls import reverse

from community import attachments
from community.models import Idea, Post

from .community_builders import (  # noqa: F401  (fresh_cache is a fixture)
    ROLES,
    build_world,
    client_for,
    fresh_cache,
    image_bytes,
    make_post,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

ANON, L_IN, L_OUT, F_IN, F_OUT, TRAINER = ROLES
IN_COHORT = {L_IN, F_IN, TRAINER}
SIGNED_IN = set(ROLES) - {ANON}


def expect(ok, ok_roles, **others):
    """Status per role: `ok` for ok_roles, the status named in `others` for the rest."""
    default = others.pop("default")
    return {role: ok if role in ok_roles else others.get(role, default) for role in ROLES}


def in_cohort_only(ok):
    return expect(ok, IN_COHORT, default=404, anonymous=403 if ok == 302 else 404)


def _attachment_on(world, thread):
    opening = thread.posts.get(depth=Post.OPENING)
    attachments.save_for(opening, [attachments.check_upload(upload("photo.png", image_bytes()))])
    return opening.attachments.get()


def _answer(w):
    return make_post(w.course_thread, w.learner_out, "An answer")


def _idea(w):
    post = make_post(w.ideas_thread, w.learner_out, "An idea in detail")
    return Idea.objects.create(post=post, title="Seed bank", need="Seeds")


def get(name, *args):
    return lambda w: ("get", reverse(name, args=[a(w) for a in args]), {})


def post(name, data, *args):
    return lambda w: ("post", reverse(name, args=[a(w) for a in args]),
                      data(w) if callable(data) else data)


def pk(attr):
    return lambda w: getattr(w, attr).pk


def opening_of(attr):
    return lambda w: getattr(w, attr).posts.get(depth=Post.OPENING).pk


REPLY = {"body": "My reply", "language": "en"}
THREAD = {"title": "New", "body": "Text", "language": "en", "kind": "discussion", "tags": ""}

MATRIX = {
    "index": (get("sse_community:index"), expect(200, ROLES, default=200)),
    "search": (lambda w: ("get", reverse("sse_community:search") + "?q=thread", {}),
               expect(200, ROLES, default=200)),
    "academy space": (get("sse_community:space", pk("academy_space")), expect(200, ROLES, default=200)),
    "course space": (get("sse_community:space", pk("course_space")), expect(200, SIGNED_IN, default=404)),
    "cohort space": (get("sse_community:space", pk("cohort_space")), in_cohort_only(200)),
    "academy thread": (get("sse_community:thread", pk("academy_thread")), expect(200, ROLES, default=200)),
    "course thread": (get("sse_community:thread", pk("course_thread")), expect(200, SIGNED_IN, default=404)),
    "divided thread": (get("sse_community:thread", pk("divided_thread")), in_cohort_only(200)),
    "cohort thread": (get("sse_community:thread", pk("cohort_thread")), in_cohort_only(200)),
    "what we learned": (get("sse_community:learned", lambda w: w.course_key),
                        expect(200, SIGNED_IN, default=404)),
    "attachment in divided topic": (
        lambda w: ("get", reverse("sse_community:attachment",
                                  args=[_attachment_on(w, w.divided_thread).pk]), {}),
        in_cohort_only(200)),
    "edit page (author's own post)": (get("sse_community:edit", opening_of("course_thread")),
                                      expect(200, {L_IN}, default=403, anonymous=403)),
    "synthesis page, course thread": (get("sse_community:synthesis", pk("course_thread")),
                                      expect(200, {F_IN, F_OUT, TRAINER}, default=403, anonymous=404)),
    "synthesis page, divided thread": (get("sse_community:synthesis", pk("divided_thread")),
                                       expect(200, {F_IN, TRAINER}, default=404, learner_in=403)),
    "reply, course thread": (post("sse_community:reply", REPLY, pk("course_thread")),
                             expect(302, SIGNED_IN, default=403)),
    "reply, divided thread": (post("sse_community:reply", REPLY, pk("divided_thread")), in_cohort_only(302)),
    "reply, cohort thread": (post("sse_community:reply", REPLY, pk("cohort_thread")), in_cohort_only(302)),
    "comment on a response": (
        post("sse_community:reply", lambda w: {**REPLY, "parent": _answer(w).pk}, pk("course_thread")),
        expect(302, SIGNED_IN, default=403)),
    "new thread, course topic": (post("sse_community:new_thread", THREAD, pk("course_space"),
                                      pk("course_topic")), expect(302, SIGNED_IN, default=403)),
    "new thread, divided topic": (post("sse_community:new_thread", THREAD, pk("course_space"),
                                       pk("divided_topic")),
                                  expect(302, {L_IN, L_OUT, F_IN, F_OUT}, default=403, trainer=400)),
    "new thread, cohort space": (post("sse_community:new_thread", THREAD, pk("cohort_space"),
                                      pk("cohort_topic")), in_cohort_only(302)),
    "new ideas round": (post("sse_community:new_thread", {**THREAD, "kind": "ideas"}, pk("course_space"),
                             pk("course_topic")),
                        expect(302, {F_IN, F_OUT, TRAINER}, default=403)),
    "like, divided thread": (post("sse_community:like", {}, opening_of("divided_thread")),
                             in_cohort_only(302)),
    "like, academy thread": (post("sse_community:like", {}, opening_of("academy_thread")),
                             expect(302, SIGNED_IN, default=403)),
    "accept answer": (post("sse_community:accept", {}, lambda w: _answer(w).pk),
                      expect(302, {L_IN, F_IN, F_OUT, TRAINER}, default=403)),
    "support idea": (post("sse_community:support", {}, lambda w: _idea(w).pk),
                     expect(302, {L_IN, F_IN, F_OUT, TRAINER}, default=403, learner_out=400)),
    "follow, divided thread": (post("sse_community:follow_thread", {}, pk("divided_thread")),
                               in_cohort_only(302)),
    "follow, cohort space": (post("sse_community:follow_space", {}, pk("cohort_space")),
                             in_cohort_only(302)),
    "synthesis, divided thread": (post("sse_community:synthesis", {"body": "We learned"},
                                       pk("divided_thread")),
                                  expect(302, {F_IN, TRAINER}, default=404, learner_in=403)),
    "translate (no provider)": (post("sse_community:translate", {"language": "fr"},
                                     opening_of("academy_thread")),
                                expect(404, SIGNED_IN, default=403)),
}

# The trainer has no cohort: in a divided topic they must say which cohort the thread is for.


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", MATRIX)
def test_permission_matrix(course_en, action, role):
    world = build_world(course_en)
    make_request, expected = MATRIX[action]
    method, url, data = make_request(world)
    client = client_for(world, role)
    response = getattr(client, method)(url, data)
    assert response.status_code == expected[role], (action, role, response.content[:400])


def test_trainer_posts_in_a_divided_topic_for_a_chosen_cohort(course_en):
    world = build_world(course_en)
    client = client_for(world, TRAINER)
    url = reverse("sse_community:new_thread", args=[world.course_space.pk, world.divided_topic.pk])
    response = client.post(url, {**THREAD, "cohort": world.cohort_out.pk})
    assert response.status_code == 302
    thread = world.divided_topic.threads.get(title="New")
    assert thread.cohort == world.cohort_out
    # a learner cannot post into a cohort that is not theirs
    forged = client_for(world, L_IN).post(url, {**THREAD, "title": "Forged",
                                                "cohort": world.cohort_out.pk})
    assert forged.status_code == 400
    assert not world.divided_topic.threads.filter(title="Forged").exists()


@pytest.mark.parametrize("name", ["reply", "like", "support", "new_thread", "follow_thread"])
def test_actions_refuse_get(course_en, name):
    world = build_world(course_en)
    args = {"reply": [world.course_thread.pk], "like": [1], "support": [1],
            "new_thread": [world.course_space.pk, world.course_topic.pk],
            "follow_thread": [world.course_thread.pk]}[name]
    response = client_for(world, L_IN).get(reverse(f"sse_community:{name}", args=args))
    assert response.status_code == 405


def test_posts_need_the_csrf_token(course_en):
    from django.test import Client

    world = build_world(course_en)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.learner_in)
    response = client.post(reverse("sse_community:reply", args=[world.course_thread.pk]), REPLY)
    assert response.status_code == 403
    assert world.course_thread.posts.count() == 1
