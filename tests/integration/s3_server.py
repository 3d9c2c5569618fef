"""A real S3-compatible server for the storage tests: moto in server mode, in its own
process on a free port (an HTTP endpoint, as MinIO or AWS would be), with one bucket.

`s3_endpoint` gives the endpoint; `bucket_settings(endpoint)` gives what the demo site's
settings (demo_site/settings/base.py) make of the AWS_* environment variables, so the
tests exercise the operator's configuration, not a copy of it.
"""

import importlib.util
import os
import runpy
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import require

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "academy-files"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "academy-test", "AWS_SECRET_ACCESS_KEY": "academy-test-secret",
               "AWS_DEFAULT_REGION": "us-east-1"}


@dataclass
class S3Endpoint:
    url: str
    bucket: str

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.url, region_name="us-east-1",
                            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"])

    def keys(self, prefix=""):
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=self.bucket,
                                                                         Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", ()))

    def environment(self):
        """What an operator sets for the demo site to use this bucket."""
        return {**CREDENTIALS, "AWS_STORAGE_BUCKET_NAME": self.bucket,
                "AWS_S3_ENDPOINT_URL": self.url, "AWS_S3_REGION_NAME": "us-east-1"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url):
    import requests

    try:
        return requests.get(url, timeout=2).status_code < 500
    except requests.RequestException:
        return False


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory):
    require(importlib.util.find_spec("moto") is not None and importlib.util.find_spec("flask"),
            'moto\'s S3 server (pip install "moto[server]")')
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not answers(url):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"moto_server did not start:\n{log.read_text()}", pytrace=False)
        time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def s3_endpoint(moto_server, monkeypatch):
    """An empty bucket for this test, and the credentials boto3 reads from the environment."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    endpoint = S3Endpoint(moto_server, BUCKET)
    client = endpoint.client()
    existing = {bucket["Name"] for bucket in client.list_buckets()["Buckets"]}
    if BUCKET in existing:
        for key in endpoint.keys():
            client.delete_object(Bucket=BUCKET, Key=key)
    else:
        client.create_bucket(Bucket=BUCKET)
    return endpoint


def bucket_settings(endpoint):
    """The STORAGES and AWS_* settings base.py derives from the operator's variables."""
    saved = {name: os.environ.get(name) for name in endpoint.environment()}
    os.environ.update(endpoint.environment())
    try:
        computed = runpy.run_path(str(ROOT / "demo_site" / "settings" / "base.py"))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return {name: value for name, value in computed.items()
            if name == "STORAGES" or name.startswith("AWS_")}


@pytest.fixture
def files_in_bucket(s3_endpoint, settings, tmp_path):
    """This process configured as the demo site is with a bucket; the local folders it
    would otherwise use point at empty temporary folders, to show nothing lands there."""
    for name, value in bucket_settings(s3_endpoint).items():
        setattr(settings, name, value)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ACADEMY_PRIVATE_ROOT = tmp_path / "private"
    return s3_endpoint
