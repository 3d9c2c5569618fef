"""Pages leave gzip-compressed for a browser that accepts it, without making the CSRF
token guessable by compression (BREACH): the token is masked anew in every response and
each compressed response carries random padding."""

import gzip
import re

import pytest

from .conftest import lessons_of

pytestmark = pytest.mark.django_db


def test_a_lesson_page_is_compressed_and_its_csrf_token_changes(learner_client, learner, course_en):
    from courses import progress

    progress.enrol(learner, course_en)
    lesson = lessons_of(course_en)[0]
    responses = [learner_client.get(lesson.url, HTTP_ACCEPT_ENCODING="gzip") for _ in range(6)]
    pages = []
    for response in responses:
        assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        pages.append(gzip.decompress(response.content).decode())
        assert len(response.content) < len(pages[-1]) / 2
    assert lesson.title in pages[0].replace("&#x27;", "'")
    tokens = {re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
              for page in pages}
    assert len(tokens) == len(pages)  # masked anew each time
    assert len({len(response.content) for response in responses}) > 1  # random padding


def test_a_client_that_does_not_accept_gzip_gets_plain_html(learner_client, course_en):
    response = learner_client.get(course_en.url)
    assert response.status_code == 200 and not response.has_header("Content-Encoding")
