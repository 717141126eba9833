"""Shared fixtures: projects to build, built sites, and a static server for the browser."""

from __future__ import annotations

import fcntl
import functools
import http.server
import importlib.util
import os
import shutil
import threading
from pathlib import Path

import pytest

from generator.site.build import build_site

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
ENGINES = ("mkdocs", "zensical")
SUBPATH = "/kefu/"  # as on a GitHub Pages project site, https://owner.github.io/repo/
HAS_ZENSICAL = importlib.util.find_spec("zensical") is not None
NO_ZENSICAL = "Zensical is not installed: pip install -e '.[zensical]' (make test installs it)"


@pytest.fixture(autouse=True)
def default_language(monkeypatch):
    """Every test starts in the default language; `--lang` sets KEFU_LANG, and this undoes it."""
    monkeypatch.setenv("KEFU_LANG", "")  # recorded, so teardown restores what was there
    monkeypatch.delenv("KEFU_LANG")


@pytest.fixture
def english(monkeypatch):
    """For tests about something other than wording, written against the English messages."""
    monkeypatch.setenv("KEFU_LANG", "en")


def skip_without(engine: str) -> None:
    if engine == "zensical" and not HAS_ZENSICAL:
        pytest.skip(NO_ZENSICAL)


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
    prefix = "/"

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        """Only URLs under the prefix map into the folder; anything else is a 404, as on a
        GitHub Pages project site (https://owner.github.io/repo/)."""
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".no-such-file")
        return super().translate_path("/" + path.removeprefix(self.prefix))


def serve_folder(folder: Path, prefix: str = "/"):
    """Serve ``folder`` on a free localhost port at ``prefix`` (e.g. "/kefu/");
    returns (base URL, server)."""
    handler = functools.partial(
        type("Handler", (_QuietHandler,), {"prefix": prefix}), directory=str(folder)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{prefix}", server


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


@pytest.fixture(scope="session")
def shipped_at_subpath(tmp_path_factory):
    """engine -> (URL, site folder): the shipped course built with that engine for the address
    it is served at, under /kefu/; each engine builds once per session."""
    built: dict[str, tuple[str, Path]] = {}
    servers = []

    def get(engine: str) -> tuple[str, Path]:
        skip_without(engine)
        if engine not in built:
            site = tmp_path_factory.mktemp(f"subpath-{engine}") / "site"
            url, server = serve_folder(
                site, SUBPATH
            )  # the folder appears when the build swaps it in
            servers.append(server)
            build_site(ROOT, site_dir=site, site_url=url, engine=engine)
            built[engine] = (url, site)
        return built[engine]

    yield get
    for server in servers:
        server.shutdown()
        server.server_close()
