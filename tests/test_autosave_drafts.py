"""Starting a page again after Wagtail's autosave left a draft of it (issue #19): the
trainer's own never-published draft no longer blocks the slug, and is pointed to."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from courses.models import LessonPage, ModulePage
from courses.roles import TRAINERS

from .conftest import course_in
from .test_page_editor_blocks import editor_form

pytestmark = pytest.mark.django_db


def trainer_client(django_user_model, name):
    trainer = django_user_model.objects.create_user(username=f"{name}@example.org", password="x")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client = Client()
    client.force_login(trainer)
    return client


@pytest.fixture
def module():
    return ModulePage.objects.child_of(course_in("en")).order_by("path").first()


def start(client, module, autosave=True):
    """What the page editor sends: an autosave (JSON) or a click on "Save draft"."""
    form = editor_form(LessonPage(title="Budget", slug="budget"), [("heading", "Money")])
    headers = {"headers": {"Accept": "application/json"}} if autosave else {}
    return client.post(f"/admin/pages/add/sse_courses/lessonpage/{module.id}/", form,
                       **headers)


def test_starting_a_page_again_after_an_autosave_draft_is_not_refused(
        django_user_model, module):
    client = trainer_client(django_user_model, "tess")
    first = start(client, module)
    assert first.status_code == 200 and first.json()["success"], first.content[:500]
    assert LessonPage.objects.get(pk=first.json()["pk"]).live is False

    again = client.get(f"/admin/pages/add/sse_courses/lessonpage/{module.id}/")
    assert "Your draft “Budget” here was never published" in again.content.decode()

    second = start(client, module)
    assert second.status_code == 200 and second.json()["success"], second.content[:500]
    assert second.json()["field_updates"]["slug"] == "budget-1"  # the browser's form follows
    assert LessonPage.objects.get(pk=second.json()["pk"]).slug == "budget-1"

    third = start(client, module, autosave=False)
    assert third.status_code == 302
    created = LessonPage.objects.child_of(module).get(slug="budget-2")
    shown = client.get(third["Location"]).content.decode()
    assert "You had already started “Budget” here" in shown
    assert f"/admin/pages/{first.json()['pk']}/edit/" in shown
    assert created.title == "Budget"


def test_a_published_page_or_another_trainers_draft_still_holds_its_slug(
        django_user_model, module):
    other = trainer_client(django_user_model, "omar")
    assert start(other, module).json()["success"]
    client = trainer_client(django_user_model, "tess")
    refused = start(client, module, autosave=False)
    assert refused.status_code == 200
    assert "slug" in refused.context["form"].errors

    LessonPage.objects.child_of(module).get(slug="budget").save_revision().publish()
    assert start(other, module, autosave=False).context["form"].errors.keys() == {"slug"}
    assert LessonPage.objects.child_of(module).filter(title="Budget").count() == 1
