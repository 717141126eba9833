"""Shared fixtures: projects to build, built sites, and a static server for the browser."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from generator.site.build import build_site

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def make_project(tmp: Path, source: Path = FIXTURES / "mini") -> Path:
    """A copy of a fixture course with the real mkdocs.yml beside it, ready to build."""
    project = tmp / "project"
    shutil.copytree(source, project)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs").mkdir(exist_ok=True)
    return project


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The mini fixture course, built once per session."""
    project = make_project(tmp_path_factory.mktemp("mini"))
    return build_site(project)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped course, built once per test run with --strict, even across xdist workers:
    the first worker builds it, the others wait on the lock and read the same folder."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # the run's folder, above the workers' own
        shared = shared.parent
    site = shared / "shipped-site"
    with (shared / "shipped-site.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "shipped-site.done").exists():
            build_site(ROOT, site_dir=site)
            (shared / "shipped-site.done").touch()
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_folder(folder: Path):
    """Serve ``folder`` on a free localhost port; returns (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def mini_url(mini_site: Path):
    url, server = serve_folder(mini_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def shipped_url(shipped_site: Path):
    url, server = serve_folder(shipped_site)
    yield url
    server.shutdown()
