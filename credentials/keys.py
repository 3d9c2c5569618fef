"""The badge signing key: Ed25519, created on first use at ACADEMY_BADGE_KEY_PATH.

Never committed, never served: only its public half is published (JWKS). Two
workers starting at once cannot make two keys: the file is written aside, then
hard-linked into place, which fails if another process got there first.
"""

import base64
import hashlib
import json
import os
import tempfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

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


def private_key():
    path = conf.badge_key_path()
    if not path.exists():
        create_key(path)
    pem = path.read_bytes()
    if _loaded.get("pem") != pem:
        _loaded.update(pem=pem, key=serialization.load_pem_private_key(pem, password=None))
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
