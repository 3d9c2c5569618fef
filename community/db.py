"""Small database helpers shared by the services."""

from django.db import IntegrityError, transaction


def get_or_create_safely(model, lookup, defaults=None):
    """get_or_create where a parallel request may insert the same row first: the unique
    constraint decides and we read the winner's row."""
    try:
        with transaction.atomic():
            return model.objects.get_or_create(**lookup, defaults=defaults or {})[0]
    except IntegrityError:
        return model.objects.get(**lookup)
