"""`curriculum serve`, as a trainer uses it: edit a YAML file, the page changes; break it, the
last good page stays and the errors are printed."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
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


def _banner(html: str) -> str | None:
    """The problems banner of a served page, or None."""
    match = re.search(r"<div [^>]*data-course-problems.*?</div>", html, re.DOTALL)
    return match.group(0) if match else None


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def test_problems_show_on_every_page_until_fixed(server, mini_project):
    url, log = server
    root = url.removesuffix("units/alpha/")
    pages = [url, f"{root}units/beta/", root, f"{root}about/"]  # a docs/ page too
    assert "单元甲" in wait_for(lambda: fetch(url))
    unit = mini_project / "curriculum/units/alpha.yml"
    good = unit.read_text(encoding="utf-8")
    unit.write_text(good.replace("category: process", "category: <b>proc</b>"), "utf-8")
    line = _line_of(unit, "category:")
    for page in pages:
        banner = wait_for(lambda page=page: _banner(fetch(page)))
        assert "课程有 1 个问题" in banner
        assert f"curriculum/units/alpha.yml:{line}:" in banner
        assert "&lt;b&gt;proc&lt;/b&gt;" in banner and "<b>" not in banner  # text, not markup
    shown = fetch(url)
    assert "单元甲" in shown  # the last good version, under the banner, as a page, not as text
    assert "&lt;h1" not in shown and '<div class="kefu-question"' in shown

    unit.write_text(good.replace("summary: 第一个测试单元。", "summary: TODO 写摘要"), "utf-8")
    banner = wait_for(lambda: (b := _banner(fetch(url))) and "TODO" in b and b)
    assert f"curriculum/units/alpha.yml:{_line_of(unit, 'summary:')}:" in banner

    unit.write_text(good.replace("title: 单元甲", "title: 单元甲好了"), "utf-8")
    for page in pages:
        wait_for(lambda page=page: _banner(fetch(page)) is None)
    assert "单元甲好了" in fetch(url)
    assert "Traceback" not in log.read_text(encoding="utf-8")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_save_rebuilds_every_page_it_changes(server, mini_project):
    """The preview rebuilds only changed pages (dirty reload): what a change shows elsewhere
    (the nav, a neighbour's button) must still reach every page, and a removed unit go."""
    url, log = server
    root = url.removesuffix("units/alpha/")
    wait_for(lambda: fetch(url))
    unit = mini_project / "curriculum/units/alpha.yml"
    text = unit.read_text(encoding="utf-8")
    unit.write_text(text.replace("summary: 第一个测试单元。", "summary: 只改摘要。"), "utf-8")
    page = wait_for(lambda: (html := fetch(url)) and "只改摘要" in html and html)
    # The docs page, not rebuilt, keeps its title in the nav of the page that is.
    assert re.search(r'about/" class="md-nav__link">\s*<span class="md-ellipsis">\s*说明', page)

    unit.write_text(text.replace("title: 单元甲", "title: 单元甲新名"), "utf-8")
    for other in (f"{root}units/beta/", root):  # beta's 上一单元 button, the home page
        wait_for(lambda other=other: "单元甲新名" in fetch(other))

    course = mini_project / "curriculum/course.yml"
    course.write_text(
        course.read_text("utf-8")
        .replace("title: 迷你课程", "title: 迷你课程新名")
        .replace("units: [alpha, beta]", "units: [alpha]"),
        "utf-8",
    )
    (mini_project / "curriculum/units/beta.yml").unlink()
    (mini_project / "quizzes/beta.yml").unlink()
    wait_for(lambda: "迷你课程新名" in fetch(f"{root}about/"))  # a docs page's nav
    wait_for(lambda: _status(f"{root}units/beta/") == 404)
    wait_for(lambda: _banner(fetch(url)) is None and "单元乙" not in fetch(url))
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
