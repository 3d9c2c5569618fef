"""PDFs are set in the fonts the package ships (from PyPI), not the host's: a certificate
for a holder named in Arabic or in Chinese prints the name, and the same certificate
always gives the same bytes."""

import io

import pytest
from pypdf import PdfReader

from courses import pdf as fonts
from credentials.pdf import render_certificate
from credentials.services import verification_url

from . import credentials_helpers as shared
from .credentials_helpers import finish_course
from .test_credentials_issuing import pdf_text

badge_key = shared.badge_key
pytestmark = pytest.mark.django_db


def embedded_fonts(data):
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@pytest.mark.parametrize("name, font", [("فاطمة الزهراء", "NotoSansArabic"),
                                        ("王小明", "NotoSansCJKSC"),
                                        ("Zoé Ñandú-Øster", "NotoSans")])
def test_a_certificate_prints_the_holders_name_in_its_script(
        django_user_model, course_en, django_capture_on_commit_callbacks, badge_key, name, font):
    holder = django_user_model.objects.create_user(username="holder@example.org", password="x",
                                                   first_name=name)
    certificate = finish_course(holder, course_en, django_capture_on_commit_callbacks)
    text = pdf_text(certificate)
    # Every letter of the name is in the text layer (Arabic is laid out right to left).
    assert set(name.replace(" ", "")) <= set(text), text
    assert font in embedded_fonts(
        bytes(render_certificate(certificate, "https://academy.example.org/verify/x/", "SSE")))


def test_the_fonts_come_from_the_installed_packages_not_the_system(monkeypatch, tmp_path, settings):
    settings.ACADEMY_PDF_FONT_CACHE = tmp_path / "fonts"
    fonts.fixed_weight.cache_clear()
    try:
        paths = [path for _family, _style, path, _options in fonts.font_files()]
    finally:
        fonts.fixed_weight.cache_clear()
    assert all("site-packages" in path or str(tmp_path) in path for path in paths), paths
    assert not any(path.startswith("/usr/share/fonts") for path in paths)


def test_the_same_certificate_renders_the_same_bytes(
        learner, course_en, django_capture_on_commit_callbacks, badge_key):
    certificate = finish_course(learner, course_en, django_capture_on_commit_callbacks)
    url = verification_url(certificate)
    assert render_certificate(certificate, url, "SSE") == render_certificate(certificate, url, "SSE")
