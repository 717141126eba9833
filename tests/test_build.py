"""Builds are atomic, take turns, and leave nothing behind: killed builds, concurrent builds,
and the swap itself."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.site import build
from generator.site.build import build_site

pytestmark = pytest.mark.slow  # a full MkDocs build (and a killed one) per test


def test_a_build_replaces_the_site_and_leaves_no_staging_folder(mini_project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old", encoding="utf-8")
    build_site(mini_project, site_dir=site)
    assert (site / "index.html").is_file() and not (site / "old.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-build.lock", "project", "site"]
    assert stat.S_IMODE(site.stat().st_mode) == 0o755  # a web server must read it


def test_the_swap_exchanges_the_folders_in_one_step(tmp_path, monkeypatch):
    old, new = tmp_path / "site", tmp_path / ".site-build-x"
    old.mkdir()
    new.mkdir()
    (old / "old.html").write_text("old", encoding="utf-8")
    (new / "new.html").write_text("new", encoding="utf-8")

    def no_rename(*args):
        raise AssertionError("renamed: there was a moment without site/")

    monkeypatch.setattr(Path, "rename", no_rename)
    build._swap_in(new, old)
    assert [p.name for p in old.iterdir()] == ["new.html"] and not new.exists()


def test_without_an_exchange_the_swap_still_ends_with_the_new_site(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "_exchange", lambda first, second: False)
    old, new = tmp_path / "site", tmp_path / ".site-build-x"
    old.mkdir()
    new.mkdir()
    (new / "new.html").write_text("new", encoding="utf-8")
    build._swap_in(new, old)
    assert [p.name for p in old.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_next_build_removes_what_a_killed_build_left(mini_project, tmp_path):
    site = tmp_path / "site"
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "import mkdocs.commands.build as b\n"
        "from generator.site import build\n"
        "def killed(config, **kw):\n"
        "    Path(config.site_dir, 'half.html').write_text('half')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "build.mkdocs_build = killed\n"
        f"build.build_site(Path({str(mini_project)!r}), site_dir=Path({str(site)!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == -signal.SIGKILL
    leftovers = list(tmp_path.glob(".site-build-*"))
    assert leftovers and (leftovers[0] / "half.html").is_file()
    build_site(mini_project, site_dir=site)
    assert not list(tmp_path.glob(".site-build-*"))
    assert (site / "index.html").is_file()


def test_concurrent_builds_take_turns_and_end_with_one_complete_site(
    mini_project, tmp_path, monkeypatch
):
    site = tmp_path / "site"
    inside, overlaps = [], []
    real_build = build.mkdocs_build

    def counting_build(config):
        inside.append(1)
        overlaps.append(len(inside))
        try:
            real_build(config)
        finally:
            inside.pop()

    monkeypatch.setattr(build, "mkdocs_build", counting_build)
    errors: list[BaseException] = []

    def one_build():
        try:
            build_site(mini_project, site_dir=site)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=one_build) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and overlaps == [1, 1]
    assert (site / "index.html").is_file() and (site / "units/alpha/index.html").is_file()
    assert not list(tmp_path.glob(".site-build-*"))


def test_a_failed_build_leaves_the_last_good_site(mini_project, tmp_path):
    site = build_site(mini_project, site_dir=tmp_path / "site")
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    bank = mini_project / "quizzes" / "alpha.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("answer: b", "answer: z", 1), encoding="utf-8"
    )
    with pytest.raises(build.BuildFailed):
        build_site(mini_project, site_dir=site)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".site-build-*"))
    assert os.access(site, os.R_OK)
