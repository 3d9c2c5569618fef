"""Create the discussion spaces that are missing: the academy space, one per live course
(a topic per module) and one per cohort. Idempotent; for sites that had courses before
installing the community app (new courses and cohorts get their spaces automatically)."""

from django.core.management.base import BaseCommand

from community import spaces
from community.models import Space, Topic


class Command(BaseCommand):
    help = __doc__.split("\n")[0]

    def handle(self, *args, **options):
        spaces.sync_all()
        self.stdout.write(f"{Space.objects.count()} spaces, {Topic.objects.count()} topics.")
