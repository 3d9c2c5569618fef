"""The three roles, as Django groups that the pack creates and owns.

They live here, in the lowest app, so that every app can ask about them. The names
are distinctive so that a host site's own "Trainers" group is never taken over.
"""

TRAINERS = "Academy trainers"
FACILITATORS = "Academy facilitators"
LEARNERS = "Academy learners"
ROLES = (TRAINERS, FACILITATORS, LEARNERS)


def has_role(user, role):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(group.name == role for group in user.groups.all())
