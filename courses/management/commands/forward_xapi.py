from django.core.management.base import BaseCommand

from ...h5p.lrs import forward_pending, lrs_configured


class Command(BaseCommand):
    help = "Send the xAPI statements not yet forwarded to the external LRS (for cron)."

    def handle(self, *args, **options):
        if not lrs_configured():
            self.stdout.write("No LRS configured (ACADEMY_LRS_ENDPOINT).")
            return
        self.stdout.write(f"{forward_pending()} statement(s) forwarded.")
