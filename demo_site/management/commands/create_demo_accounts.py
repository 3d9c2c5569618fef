"""Demo accounts for the embedded default (make run). Never use them in production."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from academy.signups import mark_confirmed
from courses.roles import FACILITATORS, LEARNERS, TRAINERS

DEMO_PASSWORD = "academy-demo"
ACCOUNTS = [
    ("admin@example.org", "Ada Admin", None),
    ("trainer@example.org", "Tomás Trainer", TRAINERS),
    ("facilitator@example.org", "Fatou Facilitator", FACILITATORS),
    ("learner@example.org", "Léa Learner", LEARNERS),
]


class Command(BaseCommand):
    help = "Create the demo accounts (admin, trainer, facilitator, learner) and print them."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are only for the embedded default (DEBUG on).")
        User = get_user_model()
        for email, name, role in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=email, defaults={"email": email, "first_name": name}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = user.is_superuser = role is None
                user.save()
            if role:
                user.groups.add(Group.objects.get(name=role))
            mark_confirmed(user)  # usable at once, whatever a sign-up left waiting
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email, _name, role in ACCOUNTS:
            self.stdout.write(f"  {email:28} {role or 'Administrator'}")
