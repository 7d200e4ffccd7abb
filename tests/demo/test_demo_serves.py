"""`civicdesk demo` really serves: a subprocess with its own data directory and port, gunicorn
answering GET / until it is terminated."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

CIVICDESK = Path(sys.executable).with_name("civicdesk")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, limit: float = 120) -> int:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"civicdesk demo exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    pytest.fail(f"nothing answered on {url}")


def test_demo_serves_the_home_page_with_gunicorn(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if key not in ("CIVICDESK_DATABASE_URL", "CIVICDESK_BROKER_URL", "CIVICDESK_REDIS_URL")}
    env.update({"CIVICDESK_DATA_DIR": str(tmp_path / "data"), "CIVICDESK_DEMO": "1"})
    log = (tmp_path / "demo.log").open("w")
    process = subprocess.Popen(
        [str(CIVICDESK), "demo", "--port", str(port), "--cases", "100", "--skip-kb", "--workers", "1"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path,
    )
    try:
        assert wait_for(f"http://127.0.0.1:{port}/", process) == 200
        output = (tmp_path / "demo.log").read_text()
        assert f"http://127.0.0.1:{port}/" in output
        assert "canbo.benthanh" in output
        assert "gunicorn" in output.lower()
        assert (tmp_path / "data" / "civicdesk.sqlite3").exists()
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
