"""Settings an integrator may change, with their defaults (documented in the README)."""

from django.conf import settings


def setting(name, default):
    return getattr(settings, f"ACADEMY_{name}", default)


def inactive_days():
    """A learner with no activity for this many days is listed as needing help."""
    return setting("FACILITATION_INACTIVE_DAYS", 14)


def failed_attempts():
    """A learner who failed one quiz this many times (and has not passed it) needs help."""
    return setting("FACILITATION_FAILED_ATTEMPTS", 2)


def learners_per_page():
    return setting("FACILITATION_LEARNERS_PER_PAGE", 100)


def help_list_size():
    """How many learners the "needs help" list shows (the grid marks all of them)."""
    return setting("FACILITATION_HELP_LIST_SIZE", 50)


def invite_max_bytes():
    return setting("FACILITATION_INVITE_MAX_BYTES", 256 * 1024)


def invite_max_rows():
    return setting("FACILITATION_INVITE_MAX_ROWS", 2000)


def invitation_days():
    """How long an emailed invitation link stays valid."""
    return setting("FACILITATION_INVITATION_DAYS", 30)
