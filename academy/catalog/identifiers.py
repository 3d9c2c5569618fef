"""Stable identifiers: the same file path gives the same keys in every language and load."""

import uuid

NAMESPACE = uuid.UUID("6f1c2b1e-5d0a-4c59-9a53-2f7e8f0a9c11")


def translation_key(*parts):
    return uuid.uuid5(NAMESPACE, "/".join(parts))


def block_id(lesson_key, label):
    return str(uuid.uuid5(NAMESPACE, f"{lesson_key}#{label}"))
