"""The course-structure page for trainers (issue #19): modules and steps with their state
in every language, reordering (drag or Up/Down) applied to every language with learners'
progress kept, and links that add a module or a step under the right parent."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from courses import progress
from courses.models import LessonPage, ModulePage
from courses.outline import build_outline
from courses.roles import FACILITATORS, TRAINERS

from .admin_helpers import client_for, csrf_token_of
from .conftest import course_in, lessons_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(django_user_model):
    # wagtail-localize creates its "submit translations" permission in a data migration,
    # which a transactional test's flush removes: put it back as the migration does.
    kind = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")[0]
    submit = Permission.objects.get_or_create(content_type=kind, codename="submit_translation",
                                              defaults={"name": "Can submit translations"})[0]
    Group.objects.get(name=TRAINERS).permissions.add(submit)
    return client_for(django_user_model, "tess@example.org", TRAINERS)


def url(course):
    return f"/admin/courses/{course.id}/structure/"


def move_url(page):
    return f"/admin/courses/structure/move/{page.id}/"


def modules_of(course):
    return list(ModulePage.objects.child_of(course).order_by("path"))


def keys(pages):
    return [page.translation_key for page in pages]


def step_keys(module):
    return keys(Page.objects.child_of(module).order_by("path"))


def in_language(page, language):
    return Page.objects.get(translation_key=page.translation_key,
                            locale__language_code=language)


def test_every_module_and_step_with_its_state_in_every_language(trainer):
    course = course_in("en")
    first, second = modules_of(course)
    lesson = lessons_of(course)[0]
    in_language(lesson, "fr").specific.unpublish()
    in_language(lesson, "es").specific.save_revision()  # live, with a draft change
    later = lessons_of(course)[1]
    in_language(later, "es").delete()

    page = trainer.get(url(course))
    assert page.status_code == 200
    shown = page.context["modules"]
    assert [m.page.id for m in shown] == [first.id, second.id]
    assert [s.page.id for s in shown[0].steps] == [p.id for p in Page.objects.child_of(first)
                                                   .order_by("path")]
    states = {t.locale.language_code: t.state for t in shown[0].steps[0].translations}
    assert states == {"en": "live", "fr": "draft", "es": "changed"}
    assert {t.locale.language_code: t.state for t in shown[0].steps[1].translations}["es"] \
        == "missing"
    html = page.content.decode()
    assert "FR · draft" in html and "ES · missing" in html
    assert reverse("wagtail_localize:submit_page_translation", args=[later.id]) in html


def test_a_step_moved_without_javascript_moves_in_every_language_and_progress_stays(
        trainer, learner):
    course = course_in("en")
    module = modules_of(course)[0]
    before = step_keys(module)
    moved = Page.objects.get(translation_key=before[1], locale=course.locale)
    progress.enrol(learner, course)
    progress.complete_step(learner, moved.specific, course.translation_key)

    response = trainer.post(move_url(moved), {"direction": "up"})
    assert response.status_code == 302 and response["Location"] == url(course)
    expected = [before[1], before[0]] + before[2:]
    for language in ("en", "fr", "es"):
        assert step_keys(in_language(module, language)) == expected, language

    request = RequestFactory().get("/")
    request.user = learner
    outline = build_outline(course_in("fr"), request)
    assert [step.key for step in outline.modules[0].steps] == expected
    assert outline.step_for(moved.translation_key).completed
    assert outline.done == 1


def test_a_module_dragged_moves_in_every_language(trainer):
    course = course_in("fr")  # a trainer working in French
    first, second = modules_of(course)
    response = trainer.post(move_url(first) + "?position=1")
    assert response.status_code == 204  # what Wagtail's orderable controller expects
    for language in ("fr", "en", "es"):
        assert keys(modules_of(course_in(language))) == keys([second, first]), language
    assert all(step_keys(m) for m in modules_of(course_in("es")))  # the steps moved along


def test_add_links_open_wagtails_add_views_under_the_right_parent(trainer):
    course = course_in("en")
    module = modules_of(course)[1]
    page = trainer.get(url(course)).content.decode()
    back = f"?next=%2Fadmin%2Fcourses%2F{course.id}%2Fstructure%2F"
    add_module = f"/admin/pages/add/sse_courses/modulepage/{course.id}/{back}"
    add_lesson = f"/admin/pages/add/sse_courses/lessonpage/{module.id}/{back}"
    add_quiz = f"/admin/pages/add/sse_quizzes/quizpage/{module.id}/{back}"
    for link in (add_module, add_lesson, add_quiz):
        assert link.replace("&", "&amp;") in page, link
        assert trainer.get(link).status_code == 200


def test_the_course_and_its_pages_link_to_the_structure(trainer):
    course = course_in("en")
    lesson = lessons_of(course)[0]
    for page in (course, lesson):
        assert url(course) in trainer.get(f"/admin/pages/{page.id}/edit/").content.decode()


def test_refusals(trainer, django_user_model):
    course = course_in("en")
    module = modules_of(course)[0]
    before = step_keys(module)
    step = Page.objects.get(translation_key=before[1], locale=course.locale)
    for username, group in (("ana@example.org", None), ("fay@example.org", FACILITATORS)):
        client = client_for(django_user_model, username, group)
        assert client.get(url(course)).status_code in (302, 403)
        assert client.post(move_url(step), {"direction": "up"}).status_code in (302, 403)
    assert step_keys(module) == before

    assert trainer.get(url(lessons_of(course)[0]), follow=True).status_code == 404
    assert trainer.get("/admin/courses/999999/structure/", follow=True).status_code == 404
    assert trainer.post(move_url(course), {"direction": "up"}, follow=True).status_code == 404
    assert trainer.post("/admin/courses/structure/move/999999/", follow=True).status_code == 404
    assert trainer.post(move_url(step) + "?position=x").status_code == 400
    assert trainer.get(move_url(step)).status_code == 405
    assert step_keys(module) == before


def test_nothing_moves_unless_every_language_may_be_reordered(django_user_model):
    """An editor of the English course only cannot reorder: the French and Spanish
    copies would fall out of step, so nothing moves."""
    editors = Group.objects.create(name="English editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    course = course_in("en")
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(group=editors, page=course, permission=Permission
                                           .objects.get(codename=codename,
                                                        content_type__app_label="wagtailcore"))
    client = client_for(django_user_model, "eddie@example.org", "English editors")
    module = modules_of(course)[0]
    before = step_keys(module)
    assert client.get(url(course)).status_code == 200
    step = Page.objects.get(translation_key=before[1], locale=course.locale)
    assert client.post(move_url(step), {"direction": "up"}).status_code in (302, 403)
    assert client.post(move_url(step) + "?position=0").status_code == 403  # the drag sees it
    for language in ("en", "fr", "es"):
        assert step_keys(in_language(module, language)) == before


def test_moves_need_the_csrf_token(django_user_model):
    client = client_for(django_user_model, "tom@example.org", TRAINERS, enforce_csrf=True)
    course = course_in("en")
    module = modules_of(course)[0]
    before = step_keys(module)
    step = LessonPage.objects.get(translation_key=before[1], locale=course.locale)
    assert client.post(move_url(step), {"direction": "up"}).status_code == 403
    assert step_keys(module) == before
    token = csrf_token_of(client, url(course))
    client.post(move_url(step), {"direction": "up", "csrfmiddlewaretoken": token})
    assert step_keys(module)[0] == before[1]
