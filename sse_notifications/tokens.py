"""Signed unsubscribe tokens: they name a user and work without logging in."""

from django.core import signing

SALT = "sse_notifications.unsubscribe"


def unsubscribe_token(user):
    return signing.dumps({"u": user.pk}, salt=SALT, compress=False)


def user_id_from(token):
    """The user id the token was made for, or None if it was altered or is malformed."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    user_id = payload.get("u") if isinstance(payload, dict) else None
    return user_id if isinstance(user_id, int) else None
