"""How people appear in the community: a name, never their email address."""

import re

from django.contrib.auth import get_user_model

MENTION = re.compile(r"(?<![\w@])@([\w][\w.+-]{0,60}[\w]|[\w])", re.UNICODE)


def display_name(user):
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    if full:
        return full
    return handle(user)


def handle(user):
    """What others type after @ to mention this person: the username, or the part of an
    email-like username before the @."""
    return (user.get_username() or "").split("@", 1)[0]


def mentioned_handles(text):
    return {match.lower() for match in MENTION.findall(text or "")}


def users_mentioned(text, limit=20):
    """Users named by @handle in the text: by username, or by the part before @ of
    their email (usernames are emails on this site)."""
    handles = sorted(mentioned_handles(text))[:limit]
    if not handles:
        return []
    User = get_user_model()
    candidates = User.objects.filter(is_active=True)
    from django.db.models import Q

    q = Q()
    for name in handles:
        q |= Q(username__iexact=name) | Q(username__istartswith=f"{name}@") | Q(email__istartswith=f"{name}@")
    return [user for user in candidates.filter(q) if handle(user).lower() in handles
            or user.get_username().lower() in handles]
