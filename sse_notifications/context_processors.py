"""The unread count in the site header, computed only if a template shows it."""

from functools import cache

from . import services


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def unread():
        return services.unread_count(user)

    # Templates call a callable without arguments; the cache keeps it to one count.
    return {"notifications_unread": unread}
