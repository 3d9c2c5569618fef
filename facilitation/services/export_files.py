"""The cohort dashboard as a table, then as CSV or XLSX bytes.

Files are built completely in memory before anything is stored; cells that a
spreadsheet would run as formulas are neutralised with the quiz reports' guard.
"""

import csv
import io

from django.utils.translation import gettext as _

from quizzes.reports import safe_cell

from .dashboard import cohort_dashboard


def reason_text(code, detail):
    if code == "inactive":
        return _("no activity for %(days)s days") % {"days": detail}
    return _("failed “%(quiz)s” %(count)s times") % {"quiz": detail.quiz.title,
                                                       "count": detail.failures}


def dashboard_table(cohort):
    """(header, rows) for a whole cohort: one row per learner."""
    dashboard = cohort_dashboard(cohort)
    header = [_("learner"), _("email"), _("joined"), _("last activity"), _("progress %")]
    header += [_("%(module)s (%% done)") % {"module": m.title} for m in dashboard.modules]
    header += [_("%(quiz)s (grade)") % {"quiz": q.title} for q in dashboard.quizzes]
    header.append(_("needs help"))
    rows = []
    for row in dashboard.rows:
        results = {r.quiz.key: r for cell in row.cells for r in cell.quizzes}
        line = [row.name, row.user.email, row.joined_at.date().isoformat(),
                row.last_activity.isoformat(timespec="minutes") if row.last_activity else "",
                row.percent]
        line += [cell.percent for cell in row.cells]
        line += [getattr(results.get(quiz.key), "grade", None) for quiz in dashboard.quizzes]
        line.append("; ".join(reason_text(code, detail) for code, detail in row.reasons))
        rows.append(line)
    return header, rows


def guarded(value):
    """Numbers stay numbers; text goes through the formula guard."""
    if value is None or isinstance(value, int | float):
        return value
    return safe_cell(value)


def as_csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    for line in [header, *rows]:
        writer.writerow(["" if value is None else guarded(value) for value in line])
    return out.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet programs read UTF-8


def as_xlsx(header, rows, title):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=safe_sheet_title(title))
    for line in [header, *rows]:
        sheet.append([guarded(value) for value in line])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def safe_sheet_title(title):
    cleaned = "".join(c for c in str(title) if c not in "[]:*?/\\").strip()
    return (cleaned or "cohort")[:31]


def build_file(cohort, file_format):
    """(bytes, number of learner rows) for the export format."""
    header, rows = dashboard_table(cohort)
    if file_format == "xlsx":
        return as_xlsx(header, rows, cohort.name), len(rows)
    return as_csv(header, rows), len(rows)
