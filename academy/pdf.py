"""Render a Plan as PDF with fpdf2 (DejaVu Sans when installed, for every accent)."""

from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


class PlanPDF(FPDF):
    def __init__(self):
        super().__init__(format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        if (DEJAVU / "DejaVuSans.ttf").exists():
            self.add_font("Body", "", str(DEJAVU / "DejaVuSans.ttf"))
            self.add_font("Body", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
            self.family_name, self.unicode = "Body", True
        else:  # core font: Latin-1 only, enough for French and Spanish
            self.family_name, self.unicode = "Helvetica", False

    def text(self, value):
        value = str(value)
        return value if self.unicode else value.encode("latin-1", "replace").decode("latin-1")

    def write_line(self, text, size=10, style="", height=5):
        self.set_font(self.family_name, style, size)
        self.multi_cell(0, height, self.text(text), new_x="LMARGIN", new_y="NEXT")


def render_plan(plan):
    pdf = PlanPDF()
    pdf.add_page()
    pdf.write_line(plan.title, size=18, style="B", height=9)
    pdf.write_line(plan.course, size=12)
    pdf.write_line(plan.learner, size=11)
    pdf.ln(4)
    if plan.is_empty:
        pdf.write_line(_("You have not filled in any worksheet of this course yet."))
    for module, sheets in plan.sections:
        pdf.ln(3)
        pdf.write_line(module, size=14, style="B", height=7)
        for sheet in sheets:
            pdf.ln(2)
            pdf.write_line(f"{sheet.title} — {sheet.lesson}", size=11, style="B", height=6)
            for item in sheet.fields:
                if item["kind"] == "grid":
                    pdf.write_line(item["label"], style="B")
                    for row in item["rows"]:
                        for cell in row["cells"]:
                            pdf.write_line(f"{row['label']} / {cell['column']}: "
                                           f"{cell['value'] or '—'}")
                else:
                    pdf.write_line(item["label"], style="B")
                    pdf.write_line(item["value"] or "—")
    return bytes(pdf.output())
