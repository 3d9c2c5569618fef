"""The certificate as a one-page landscape PDF, in the certificate's language.

Deterministic: the same certificate always gives the same bytes (the PDF's creation
date is the issue date), so a retried task stores an identical document.
"""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from courses.pdf import UnicodePDF


def render_certificate(certificate, verification_url, issuer_name):
    with translation.override(certificate.language):
        pdf = UnicodePDF(orientation="landscape")
        pdf.set_creation_date(certificate.issued_at)
        pdf.set_title(_("Certificate of completion"))
        pdf.set_author(issuer_name)
        pdf.add_page()
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
        pdf.ln(18)
        pdf.write_line(issuer_name, size=14, align="C", height=8)
        pdf.ln(6)
        pdf.write_line(_("Certificate of completion"), size=28, style="B", align="C", height=14)
        pdf.ln(8)
        pdf.write_line(_("This certifies that"), size=13, align="C", height=8)
        pdf.write_line(certificate.holder_name, size=24, style="B", align="C", height=12)
        pdf.write_line(_("has completed the course"), size=13, align="C", height=8)
        pdf.write_line(certificate.course_title, size=18, style="B", align="C", height=10)
        pdf.ln(6)
        issued = formats.date_format(timezone.localtime(certificate.issued_at), "DATE_FORMAT")
        pdf.write_line(_("Issued on %(date)s") % {"date": issued}, size=12, align="C", height=7)
        pdf.ln(10)
        pdf.write_line(_("Verification code: %(code)s") % {"code": certificate.code},
                       size=12, style="B", align="C", height=7)
        pdf.write_line(_("Check this certificate at %(url)s") % {"url": verification_url},
                       size=10, align="C", height=6)
        return bytes(pdf.output())
