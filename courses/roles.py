"""The three roles, as Django groups (created by academy's migration 0002).

They live here, in the lowest app, so that every app can ask about them.
"""

TRAINERS = "Trainers"
FACILITATORS = "Facilitators"
LEARNERS = "Learners"


def has_role(user, role):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(group.name == role for group in user.groups.all())
