from django.core.management.base import BaseCommand

from ...outbox import sweep, waiting


class Command(BaseCommand):
    help = ("Send the queued tasks the broker could not take when their write committed "
            "(Celery beat does it every minute; this is for cron or after an outage).")

    def handle(self, *args, **options):
        sent = sweep()
        self.stdout.write(f"{sent} task(s) sent, {waiting()} still waiting.")
