"""The badge signing key: Ed25519, from the settings — the PEM itself
(ACADEMY_BADGE_KEY_PEM) or a file (ACADEMY_BADGE_KEY_PATH) — so that every node and
worker signs with the one key the issuer documents publish.

Only a development site creates it on first use (ACADEMY_BADGE_KEY_CREATE, default
true; the production profile refuses to start without a key). Never committed, never
served: only its public half is published (JWKS). Two workers creating it at once
cannot make two keys: the file is written aside, then hard-linked into place, which
fails if another process got there first.
"""

import base64
import hashlib
import json
import os
import tempfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ImproperlyConfigured

from . import conf

ALGORITHM = "EdDSA"
_loaded = {}


def create_key(path):
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".new-key-")
    try:
        os.fchmod(descriptor, 0o600)
        os.write(descriptor, pem)
        os.fsync(descriptor)
        os.close(descriptor)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process created it first: theirs is the key
    finally:
        os.unlink(temporary)


def configured_pem():
    """The key's PEM bytes, from the settings (text or file); created only where allowed."""
    text = conf.badge_key_pem()
    if text:
        return text.replace("\\n", "\n").encode()  # an environment may carry "\n" escapes
    path = conf.badge_key_path()
    if not path.exists():
        if not conf.badge_key_may_be_created():
            raise ImproperlyConfigured(
                f"No badge signing key at {path}: set ACADEMY_BADGE_KEY_PATH to the key file "
                "or ACADEMY_BADGE_KEY_PEM to its text (manage.py create_badge_key makes one).")
        create_key(path)
    return path.read_bytes()


def load(pem):
    """The Ed25519 private key in `pem`; ImproperlyConfigured if it is not one."""
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(f"The badge signing key is not a PEM private key: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured("The badge signing key must be an Ed25519 key.")
    return key


def private_key():
    pem = configured_pem()
    if _loaded.get("pem") != pem:
        _loaded.update(pem=pem, key=load(pem))
    return _loaded["key"]


def private_pem():
    private_key()
    return _loaded["pem"]


def public_jwk():
    raw = private_key().public_key().public_bytes(serialization.Encoding.Raw,
                                                  serialization.PublicFormat.Raw)
    members = {"crv": "Ed25519", "kty": "OKP",
               "x": base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")}
    # RFC 7638 thumbprint: the key's id, stable for as long as the key is.
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode()
    kid = base64.urlsafe_b64encode(hashlib.sha256(canonical).digest()).rstrip(b"=").decode()
    return {**members, "kid": kid, "use": "sig", "alg": ALGORITHM}
