"""`curriculum serve`, as a trainer uses it: edit a YAML file, the page changes; break it, the
last good page stays and the errors are printed."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a `curriculum serve` process per test


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 120.0):  # a hang, not a busy machine
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if result := condition():
                return result
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


@pytest.fixture
def server(mini_project: Path):
    port = free_port()
    log = mini_project / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "serve",
                "-p",
                str(mini_project),
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            yield f"http://127.0.0.1:{port}/units/alpha/", log
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_edit_reload_and_keep_last_good(server, mini_project):
    url, log = server
    assert "单元甲" in wait_for(lambda: fetch(url))
    unit = mini_project / "curriculum/units/alpha.yml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("title: 单元甲", "title: 单元甲改"),
        encoding="utf-8",
    )
    wait_for(lambda: "单元甲改" in fetch(url))
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("category: process", "category: proces"),
        encoding="utf-8",
    )
    wait_for(lambda: "这里不能写 'proces'" in log.read_text(encoding="utf-8"))
    time.sleep(1)
    assert "单元甲改" in fetch(url)
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_a_busy_port_gets_a_message_and_the_next_free_port(mini_project):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        log = mini_project / "serve.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "generator",
                    "serve",
                    "-p",
                    str(mini_project),
                    "--port",
                    str(port),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            try:
                said = wait_for(
                    lambda: re.search(
                        r"^端口 (\d+) 已被占用，改用 (\d+)：http://127\.0\.0\.1:\2/$",
                        log.read_text(encoding="utf-8"),
                        re.MULTILINE,
                    )
                )
                assert int(said.group(1)) == port and int(said.group(2)) > port
                assert "单元甲" in wait_for(
                    lambda: fetch(f"http://127.0.0.1:{said.group(2)}/units/alpha/")
                )
            finally:
                process.terminate()
                process.wait(timeout=10)
        assert "Traceback" not in log.read_text(encoding="utf-8")


def test_a_save_that_trips_the_loader_keeps_the_last_good_course(mini_project, monkeypatch, caplog):
    from generator.site import plugin as plugin_module
    from generator.site.build import config_for

    config = config_for(mini_project)
    plugin = config.plugins["curriculum"]
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(config)
    good = plugin.last_good

    def broken_loader(project):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(plugin_module, "load_curriculum", broken_loader)
    plugin.on_config(config)
    assert plugin.last_good is good and plugin.site is not None
    assert "预览继续显示上一个正确的版本" in caplog.text
