"""The base of the academy's PDFs (fpdf2): DejaVu Sans when installed, so that every
accent prints; otherwise a core font, Latin-1 only (enough for French and Spanish).

It lives in the lowest app so that every app that makes a PDF shares one font setup.
"""

from pathlib import Path

from fpdf import FPDF

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


class UnicodePDF(FPDF):
    def __init__(self, orientation="portrait"):
        super().__init__(orientation=orientation, format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        if (DEJAVU / "DejaVuSans.ttf").exists():
            self.add_font("Body", "", str(DEJAVU / "DejaVuSans.ttf"))
            self.add_font("Body", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
            self.family_name, self.unicode = "Body", True
        else:
            self.family_name, self.unicode = "Helvetica", False

    def printable(self, value):
        value = str(value)
        return value if self.unicode else value.encode("latin-1", "replace").decode("latin-1")

    def write_line(self, text, size=10, style="", height=5, align="L"):
        self.set_font(self.family_name, style, size)
        self.multi_cell(0, height, self.printable(text), new_x="LMARGIN", new_y="NEXT",
                        align=align)
