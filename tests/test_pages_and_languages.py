"""Every page serves in three languages; the switcher keeps you on the same page."""

import pytest
from wagtail.models import Locale, Page

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from demo_site.models import HomePage

from .conftest import lessons_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_catalog_page_serves(client, learner_client, learner, language):
    locale = Locale.objects.get(language_code=language)
    pages = Page.objects.live().filter(locale=locale, depth__gt=1)
    assert pages.count() > 5
    for page in pages:
        url = page.url
        assert url.startswith(f"/{language}/"), url
        assert client.get(url).status_code == 200, url
        assert learner_client.get(url).status_code == 200, url


def test_home_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302 and response["Location"] == "/es/"


def test_interface_is_translated(client):
    assert "Cursos" in client.get("/es/").content.decode()
    assert "Se connecter" in client.get("/fr/").content.decode()


def test_page_types_are_restricted(course_en):
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_subpage_models() == [ModulePage]
    assert LessonPage in ModulePage.allowed_subpage_models()
    assert not LessonPage.can_create_at(course_en)
    assert not ModulePage.can_create_at(course_en.get_parent())
    assert not CoursePage.can_create_at(HomePage.objects.first())


def test_switcher_goes_to_the_same_page_in_another_language(client, course_fr, course_es):
    lesson_fr = lessons_of(course_fr)[1]
    response = client.post("/fr/language/es/", {"page": lesson_fr.id})
    assert response.status_code == 302
    assert response["Location"] == lesson_fr.get_translation(course_es.locale).url
    assert response.cookies["django_language"].value == "es"


def test_a_get_of_the_switch_address_redirects_but_stores_nothing(learner_client, learner,
                                                                 course_fr, course_es):
    """Another site's image tag pointing at the switch address changes no setting."""
    from sse_notifications.models import NotificationPreference
    from sse_notifications.services import preference_for

    preference_for(learner)
    lesson_fr = lessons_of(course_fr)[1]
    response = learner_client.get(f"/fr/language/es/?page={lesson_fr.id}")
    assert response["Location"] == lesson_fr.get_translation(course_es.locale).url
    assert "django_language" not in response.cookies
    assert NotificationPreference.objects.get(user=learner).language == "en"


def test_the_switch_that_stores_needs_the_csrf_token(csrf_client, learner):
    from sse_notifications.models import NotificationPreference

    assert csrf_client.post("/en/language/fr/", {"next": "/en/"}).status_code == 403
    assert not NotificationPreference.objects.filter(user=learner, language="fr").exists()


def test_switcher_falls_back_to_nearest_translated_parent(client, course_en, course_fr):
    lesson_en = lessons_of(course_en)[1]
    lesson_en.get_translation(course_fr.locale).unpublish()
    response = client.get(f"/en/language/fr/?page={lesson_en.id}", follow=True)
    module_fr = lesson_en.get_parent().get_translation(course_fr.locale)
    assert response.redirect_chain[0][0] == module_fr.url
    assert "pas encore disponible" in response.content.decode()


def test_switcher_on_a_non_page_view_keeps_the_path(learner_client):
    response = learner_client.post("/en/language/fr/", {"next": "/en/dashboard/"})
    assert response["Location"] == "/fr/dashboard/"


def test_switcher_ignores_foreign_redirects(client):
    response = client.get("/en/language/fr/?next=https://evil.example/")
    assert response["Location"] == "/fr/"


def test_unknown_language_is_a_404(client):
    assert client.get("/en/language/xx/").status_code == 404


def test_every_page_has_a_language_switcher(client, course_en):
    for url in ("/en/", course_en.url, lessons_of(course_en)[0].url, "/en/accounts/login/"):
        html = client.get(url).content.decode()
        assert 'class="language-switcher"' in html, url
        # a small form per language: works without JavaScript, and only a POST stores
        assert 'method="post" action="/en/language/es/"' in html, url
        assert 'name="csrfmiddlewaretoken"' in html, url
