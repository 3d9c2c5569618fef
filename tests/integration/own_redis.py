"""A Redis server of the test's own, on a free port, that the test stops and starts
again to play an outage (the shared Redis is never touched)."""

import shutil
import socket
import subprocess
import time

import pytest

from ..conftest import require


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    def __init__(self, folder):
        self.folder, self.port, self.process = folder, free_port(), None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=(self.folder / "redis.log").open("a"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while not self.answers():
            assert time.monotonic() < deadline, (self.folder / "redis.log").read_text()
            time.sleep(0.1)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


@pytest.fixture
def own_redis(tmp_path):
    require(shutil.which("redis-server"), "redis-server (to run a Redis of the test's own)")
    folder = tmp_path / "own-redis"
    folder.mkdir()
    server = OwnRedis(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()
