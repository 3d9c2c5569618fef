"""Moderation in Chromium, in French, with JavaScript off (every form is a plain POST):
a learner reports a post and it is hidden; the cohort's facilitator finds it in the queue,
unhides it, edits another post with a reason that shows in its history. Then axe checks
the moderation pages and they fit a 360 px screen."""

import pytest

from community.models import Post
from community.moderation.models import ModerationAction, Report

from ..community_moderation_builders import moderation_world, pending_post
from ..conftest import course_in
from .conftest import overflows_narrow_screen, serious_accessibility_violations, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_script_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR",
                                  java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def test_report_then_review_without_javascript(catalog, live_server, browser, settings):
    settings.ACADEMY_COMMUNITY_REPORTS_TO_HIDE = 1
    world = moderation_world(course_in("en"))
    post = world.divided_post
    site = f"{live_server.url}/fr/community"

    learner = no_script_page(browser)
    signed_in(learner, live_server, world.learner_in)
    learner.goto(f"{site}/threads/{world.divided_thread.pk}/")
    learner.locator(f"#post-{post.pk} a.report-link").click()
    learner.get_by_label("Autre chose (expliquez ci-dessous)").check()
    learner.get_by_label("Note pour les modérateurs").fill("Un numéro de téléphone")
    learner.get_by_role("button", name="Envoyer le signalement").click()
    learner.wait_for_url("**/threads/**")
    assert "Merci. Les modérateurs vont examiner ce message." in learner.content()
    assert "Carla in the Dakar topic" not in learner.content()
    assert Post.objects.get(pk=post.pk).status == Post.HIDDEN
    learner.context.close()

    facilitator = no_script_page(browser)
    signed_in(facilitator, live_server, world.facilitator_in)
    facilitator.goto(f"{site}/")
    facilitator.get_by_role("link", name="File de modération").click()
    item = facilitator.locator(f"#queue-post-{post.pk}")
    assert "Un numéro de téléphone" in item.inner_text()
    item.get_by_role("button", name="Rendre visible").click()
    facilitator.wait_for_url("**/community/moderation/")
    assert "Le message est de nouveau visible." in facilitator.content()
    assert "Rien n’attend de décision." in facilitator.content()
    assert Post.objects.get(pk=post.pk).status == Post.PUBLISHED
    assert Report.objects.get().outcome == Report.DISMISSED

    facilitator.goto(f"{site}/threads/{world.divided_thread.pk}/")
    facilitator.locator(f"#post-{post.pk} .post-moderation a").click()
    facilitator.get_by_label("Texte").fill("Appelez-moi (numéro retiré)")
    facilitator.get_by_label("Motif de la modification").fill("Donnée personnelle retirée")
    facilitator.get_by_role("button", name="Enregistrer la modification").click()
    facilitator.wait_for_url(f"**/moderation/posts/{post.pk}/")
    history = facilitator.locator("ul.revisions").inner_text()
    assert "Donnée personnelle retirée" in history
    assert list(ModerationAction.objects.order_by("id").values_list("action", flat=True)) == [
        ModerationAction.AUTO_HIDDEN, ModerationAction.UNHIDE, ModerationAction.EDIT]
    facilitator.context.close()


def test_moderation_pages_are_accessible_and_fit_a_phone(catalog, live_server, page):
    world = moderation_world(course_in("en"))
    pending_post(world.divided_thread, world.carla, "Waiting for a look")
    Report.objects.create(post=world.course_post, reporter=world.learner_out, reason=Report.SPAM)
    signed_in(page, live_server, world.facilitator_in)
    site = f"{live_server.url}/fr/community"
    for path in ["/moderation/", "/moderation/log/", f"/moderation/posts/{world.course_post.pk}/",
                 f"/moderation/threads/{world.divided_thread.pk}/",
                 f"/moderation/posts/{world.academy_post.pk}/report/"]:
        page.goto(site + path)
        assert serious_accessibility_violations(page) == [], path
        assert not overflows_narrow_screen(page), path
