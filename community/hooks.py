"""Extension points for apps above `community` (moderation), filled from AppConfig.ready().

posting_checks: callables(user, space) -> a translated refusal message, or None.
    Any message refuses the post (a suspension, for example).
initial_status_checks: callables(user, space) -> "pending", or None.
    "pending" holds a new post for approval (first posts of new accounts, for example).
"""

posting_checks = []
initial_status_checks = []


def posting_refusal(user, space):
    for check in posting_checks:
        message = check(user, space)
        if message:
            return message
    return None


def initial_status(user, space):
    from .models import Post

    for check in initial_status_checks:
        if check(user, space) == Post.PENDING:
            return Post.PENDING
    return Post.PUBLISHED
