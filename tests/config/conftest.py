"""A real Redis server for the cache tests: started on a free port, stopped (and started again)
by the tests, never the machine's own Redis."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """redis-server on `port`, its data in `directory` (so a stop with `persist` keeps it)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                "64mb",
                "--maxmemory-policy",
                "allkeys-lru",
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client().ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def stop(self, persist: bool = False) -> None:
        """Stop the server; with `persist`, its data comes back at the next start."""
        if persist:
            self.client().save()
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process = None

    def keys(self) -> list[str]:
        return sorted(key.decode() for key in self.client().keys("*"))


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    if server.process is not None:
        server.stop()


@pytest.fixture
def running_redis(redis_server):
    """The test's Redis, running and empty when the test starts (whatever the last one did)."""
    if redis_server.process is None:
        redis_server.start()
    redis_server.client().flushall()
    return redis_server
