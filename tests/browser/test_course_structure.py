"""A trainer reorders a course in the course-structure page (issue #19): drags a step by
its handle, then moves a module with the keyboard; the order changes in every language."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from courses.models import ModulePage
from courses.roles import TRAINERS

from ..conftest import course_in
from .conftest import serious_accessibility_violations, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def step_keys(module):
    return list(Page.objects.child_of(module).order_by("path").values_list("translation_key",
                                                                            flat=True))


def module_keys(course):
    return list(ModulePage.objects.child_of(course).order_by("path").values_list(
        "translation_key", flat=True))


def in_language(page, language):
    return Page.objects.get(translation_key=page.translation_key, locale__language_code=language)


def test_a_trainer_drags_a_step_and_moves_a_module_with_the_keyboard(
        catalog, live_server, page, django_user_model):
    trainer = django_user_model.objects.create_user(username="tess@example.org", password="x")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    signed_in(page, live_server, trainer)
    course = course_in("en")
    first_module = ModulePage.objects.child_of(course).order_by("path").first()
    steps_before = step_keys(first_module)
    modules_before = module_keys(course)

    page.goto(f"{live_server.url}/admin/courses/{course.id}/structure/")
    rows = page.locator(f"section[data-w-orderable-item-id='{first_module.id}'] tbody tr")
    page.wait_for_load_state("networkidle")  # Wagtail's controllers are connected
    handle = rows.nth(1).locator("[data-w-orderable-target=handle]")
    target = rows.nth(0)
    box, goal = handle.bounding_box(), target.bounding_box()
    with page.expect_response(lambda r: "/structure/move/" in r.url) as moved:
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        for step in range(1, 11):
            page.mouse.move(box["x"] + box["width"] / 2,
                            box["y"] + (goal["y"] - box["y"]) * step / 10 - 4)
        page.mouse.up()
    assert moved.value.status == 204
    expected = [steps_before[1], steps_before[0]] + steps_before[2:]
    for language in ("en", "fr", "es"):
        assert step_keys(in_language(first_module, language)) == expected, language

    second_module = ModulePage.objects.child_of(course).order_by("path")[1]
    module_handle = page.locator(f"section[data-w-orderable-item-id='{second_module.id}'] "
                                 ".sse-structure-module__title [data-w-orderable-target=handle]")
    module_handle.focus()
    page.keyboard.press("ArrowUp")
    with page.expect_response(lambda r: "/structure/move/" in r.url) as moved:
        page.keyboard.press("Enter")
    assert moved.value.status == 204
    for language in ("en", "fr", "es"):
        assert module_keys(course_in(language)) == list(reversed(modules_before)), language

    page.reload()
    assert page.locator("section.sse-structure-module h2").first.inner_text().strip() \
        == second_module.title
    assert serious_accessibility_violations(page) == []
