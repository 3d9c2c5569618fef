"""Fetch the pinned h5p-standalone player from the npm registry into a folder that the
host serves as static files (third-party code is installed, never committed)."""

import base64
import hashlib
import io
import shutil
import tarfile
import urllib.request
from pathlib import Path

from . import conf


class PlayerAssetsError(Exception):
    pass


def tarball_url():
    name, version = conf.PLAYER_PACKAGE, conf.PLAYER_VERSION
    return f"{conf.npm_registry()}/{name}/-/{name}-{version}.tgz"


def check_integrity(data):
    algorithm, _, expected = conf.PLAYER_INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise PlayerAssetsError(
            f"{tarball_url()} does not match the pinned integrity {conf.PLAYER_INTEGRITY}.")


def download(timeout=60):
    try:
        with urllib.request.urlopen(tarball_url(), timeout=timeout) as response:  # noqa: S310
            data = response.read()
    except OSError as error:
        raise PlayerAssetsError(f"Could not download {tarball_url()}: {error}") from error
    check_integrity(data)
    return data


def extract_dist(data, target):
    """Write the package's dist/ folder (and nothing else) into `target`, replacing it."""
    target = Path(target)
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        members = [m for m in archive.getmembers() if m.name.startswith("package/dist/")]
        for member in members:
            member.name = member.name.removeprefix("package/dist/")
        archive.extractall(staging, members=[m for m in members if m.isfile() or m.isdir()],
                           filter="data")
    if not (staging / "main.bundle.js").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        raise PlayerAssetsError("The downloaded player has no main.bundle.js.")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target


def copy_dist(package_dir, target):
    """Offline: copy dist/ from an npm-installed node_modules/h5p-standalone."""
    source = Path(package_dir) / "dist"
    if not (source / "main.bundle.js").is_file():
        raise PlayerAssetsError(f"{source} holds no h5p-standalone player (main.bundle.js).")
    target = Path(target)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target
