from django.core.management.base import BaseCommand

from ...h5p.lrs import forward_pending, lrs_configured
from ...models import XAPIStatement


class Command(BaseCommand):
    help = "Send the xAPI statements not yet forwarded to the external LRS (for cron)."

    def handle(self, *args, **options):
        if not lrs_configured():
            self.stdout.write("No LRS configured (ACADEMY_LRS_ENDPOINT).")
            return
        sent = forward_pending()
        refused = XAPIStatement.objects.filter(refused_at__isnull=False,
                                               forwarded_at__isnull=True).count()
        self.stdout.write(f"{sent} statement(s) forwarded; {refused} refused by the LRS and set "
                          "aside (Settings → LRS refusals).")
