"""Render a Plan as PDF with fpdf2, in the fonts the pack ships (courses.pdf)."""

from django.utils.translation import gettext as _

from courses.pdf import UnicodePDF


class PlanPDF(UnicodePDF):
    """A4 portrait, the shared fonts (courses.pdf)."""


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
