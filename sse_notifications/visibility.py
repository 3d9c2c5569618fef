"""Which notifications a user may still see, decided by the apps that own the targets.

An app registers, for the target-key prefix it owns, a callable
`(user, keys) -> set of the keys still visible to user`, usually from its
AppConfig.ready():

    notifications.visibility.register("community.", community_keys_visible_to)

Before a notification is listed, counted or emailed, its key goes through the
filter of the longest matching prefix. Keys no filter claims stay visible.
"""

_filters = {}


def register(prefix, keys_visible_to):
    if not prefix:
        raise ValueError("A visibility filter needs a non-empty key prefix.")
    _filters[prefix] = keys_visible_to


def unregister(prefix):
    _filters.pop(prefix, None)


def _owner(key):
    matches = [prefix for prefix in _filters if key.startswith(prefix)]
    return max(matches, key=len) if matches else None


def hidden_keys(user, keys):
    """The subset of `keys` the user may no longer see: one call per registered prefix."""
    by_prefix = {}
    for key in set(keys):
        prefix = _owner(key) if key else None
        if prefix is not None:
            by_prefix.setdefault(prefix, set()).add(key)
    hidden = set()
    for prefix, claimed in by_prefix.items():
        visible = _filters[prefix](user, sorted(claimed))
        hidden |= claimed - set(visible)
    return hidden


def visible_only(user, notifications):
    """The notifications (a list) whose target the user may still see, in order."""
    hidden = hidden_keys(user, [n.target_key for n in notifications])
    return [n for n in notifications if n.target_key not in hidden]
