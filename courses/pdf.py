"""The base of the academy's PDFs (fpdf2), with fonts that ship with the package, never
the host's: two workers make the same document for the same certificate, and names in
any of the academy's scripts print.

Noto Sans (Latin, Greek, Cyrillic, Vietnamese) sets the text; when it lacks a glyph,
fpdf2 takes it from Noto Sans Arabic, then Noto Sans CJK (Chinese, Japanese, Korean).
The fonts come from PyPI packages the wheel depends on (fontpkg-noto-sans,
fontpkg-noto-sans-arabic, noto-cjk-sans-otc). Text is shaped with HarfBuzz (uharfbuzz),
so Arabic letters join and right-to-left runs read in their order.

It lives in the lowest app so that every app that makes a PDF shares one font setup.
"""

import functools
import hashlib
import os
import tempfile
from pathlib import Path

import fontpkg
import noto_cjk_sans_otc
from django.conf import settings
from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import instantiateVariableFont
from fpdf import FPDF

REGULAR, BOLD = 400, 700
CJK_SIMPLIFIED_CHINESE = 2  # the face of the collection (JP, KR, SC, TC, HK…) for Han text


def cache_folder():
    """Where the fixed-weight faces made from the packaged variable fonts are kept."""
    default = Path(tempfile.gettempdir()) / f"sse-academy-pdf-fonts-{os.getuid()}"
    return Path(getattr(settings, "ACADEMY_PDF_FONT_CACHE", default))


@functools.cache
def fixed_weight(path, weight):
    """A static face of a variable font: made once per file version (instancing takes
    seconds), written aside and moved into place so parallel workers never see half a file."""
    source = Path(path)
    stat = source.stat()
    digest = hashlib.sha256(f"{source}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    target = cache_folder() / f"{source.stem}-{weight}-{digest}.ttf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        face = instantiateVariableFont(TTFont(source), {"wght": weight, "wdth": 100})
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, suffix=".ttf")
        with os.fdopen(descriptor, "wb") as file:
            face.save(file)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    return str(target)


def font_files():
    """(family, style, path, options) for every face the PDFs use."""
    latin, arabic = fontpkg.path("Noto Sans"), fontpkg.path("Noto Sans Arabic")
    return [
        ("Body", "", fixed_weight(latin, REGULAR), {}),
        ("Body", "B", fixed_weight(latin, BOLD), {}),
        ("Arabic", "", fixed_weight(arabic, REGULAR), {}),
        ("Arabic", "B", fixed_weight(arabic, BOLD), {}),
        ("CJK", "", str(noto_cjk_sans_otc.FONT_PATH),
         {"collection_font_number": CJK_SIMPLIFIED_CHINESE}),
    ]


class UnicodePDF(FPDF):
    family_name = "Body"

    def __init__(self, orientation="portrait"):
        super().__init__(orientation=orientation, format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        for family, style, path, options in font_files():
            self.add_font(family, style, path, **options)
        # A bold CJK name is set in the regular face (the collection has no bold here).
        self.set_fallback_fonts(["Arabic", "CJK"], exact_match=False)
        self.set_text_shaping(True)

    def write_line(self, text, size=10, style="", height=5, align="L"):
        self.set_font(self.family_name, style, size)
        self.multi_cell(0, height, str(text), new_x="LMARGIN", new_y="NEXT", align=align)
