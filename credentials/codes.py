"""Verification codes: unguessable (80 random bits), readable, easy to type.

Crockford's base32 alphabet (no I, L, O, U), four groups of four characters,
e.g. ``7KQ2-M9XD-4HTB-0RZE``. Lookups forgive case, spaces and look-alike letters.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_SIZE = 4, 4
LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
CODE_PATTERN = re.compile(rf"^[{ALPHABET}]{{{GROUP_SIZE}}}(-[{ALPHABET}]{{{GROUP_SIZE}}}){{{GROUPS - 1}}}$")


def new_code():
    characters = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE))
    return "-".join(characters[i:i + GROUP_SIZE] for i in range(0, len(characters), GROUP_SIZE))


def normalise(typed):
    """The canonical form of a typed code, or None if it cannot be one."""
    compact = re.sub(r"[\s-]", "", str(typed)).upper().translate(LOOK_ALIKES)
    if len(compact) != GROUPS * GROUP_SIZE:
        return None
    code = "-".join(compact[i:i + GROUP_SIZE] for i in range(0, len(compact), GROUP_SIZE))
    return code if CODE_PATTERN.match(code) else None
