"""Build the site with MkDocs or Zensical into a fresh folder, then swap it in: a failed
build leaves the last good site/ exactly as it was, and at no moment is there no complete site/.

MkDocs builds with the `curriculum` plugin; Zensical runs no plugins, so it builds the folder
`curriculum render` writes (standalone.py). Builds of one site take turns through a lock file
beside it; a build killed half-way leaves a staging folder that the next build removes.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from generator.course.problems import ProblemsFound
from generator.errors import KefuError
from generator.messages import say
from generator.site import standalone

ENGINES = ("mkdocs", "zensical")


class BuildFailed(KefuError):
    """MkDocs refused the build; the previous site/ is left as it was."""

    def format_message(self) -> str:
        return say("build.failed", reason=self.message)


def config_for(project: Path, **overrides: Any) -> MkDocsConfig:
    config_file = Path(project) / "mkdocs.yml"
    if not config_file.is_file():
        raise BuildFailed(say("build.no_config", path=config_file))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # a banner about MkDocs 2.0 on every run
    try:
        return load_config(str(config_file), **overrides)
    except MkDocsException as error:
        raise BuildFailed(say("build.bad_config", path=config_file, error=error)) from None


def build_site(
    project: Path,
    *,
    strict: bool = True,
    site_dir: Path | None = None,
    engine: str = "mkdocs",
    **config: Any,
) -> Path:
    """Build into a staging folder beside the target and swap it in on success.

    ``config`` overrides settings of mkdocs.yml, e.g. ``site_url``."""
    if engine not in ENGINES:
        raise BuildFailed(say("build.unknown_engine", engine=engine, engines=", ".join(ENGINES)))
    target = Path(site_dir or config_for(project).site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(target):
        _remove_stale_staging(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
        try:
            build = _build_with_zensical if engine == "zensical" else _build_with_mkdocs
            build(Path(project), staging, strict, config)
        except (MkDocsException, BuildFailed) as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildFailed(str(error) or say("build.see_above")) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        _swap_in(staging, target)
    return target


def _build_with_mkdocs(
    project: Path, staging: Path, strict: bool, overrides: dict[str, Any]
) -> None:
    config = config_for(project, **{**overrides, "site_dir": str(staging), "strict": strict})
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def _build_with_zensical(
    project: Path, staging: Path, strict: bool, overrides: dict[str, Any]
) -> None:
    """Render the course into a scratch folder beside staging (Zensical builds only inside
    its project folder), build it there, and move the site into staging."""
    if importlib.util.find_spec("zensical") is None:
        raise BuildFailed(say("build.no_zensical"))
    scratch = staging.with_name(f"{staging.name}-src")  # a stale one is removed like staging
    try:
        try:
            config_file = standalone.write_project(project, scratch, **overrides)
        except ProblemsFound as error:
            listing = "\n".join(map(str, error.problems))
            count = len(error.problems)
            raise BuildFailed(say("build.problems", count=count, listing=listing)) from None
        except standalone.ConfigProblem as error:
            raise BuildFailed(str(error)) from None
        command = [sys.executable, "-m", "zensical", "build", "-f", str(config_file)]
        result = subprocess.run(
            [*command, *(["--strict"] if strict else [])],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "NO_COLOR": "1"},
        )
        if result.returncode != 0:
            output = (result.stdout + result.stderr).strip()
            raise BuildFailed(say("build.zensical_failed", output=output))
        staging.rmdir()
        (scratch / standalone.SITE_DIR).rename(staging)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@contextlib.contextmanager
def _exclusive(target: Path) -> Iterator[None]:
    """One build of a site at a time: a second waits for the first, then builds on its own."""
    lock_path = target.with_name(f".{target.name}-build.lock")
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _remove_stale_staging(target: Path) -> None:
    """Staging folders that exist while we hold the lock belong to builds that were killed."""
    for leftover in target.parent.glob(f".{target.name}-build-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _swap_in(staging: Path, target: Path) -> None:
    """Put the new site in place in one step where the system can exchange two folders."""
    if target.is_dir() and not target.is_symlink() and _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous site
        return
    # Fallback (no exchange on this system): a short moment between the two renames.
    retired = None
    if target.exists() or target.is_symlink():
        retired = target.with_name(f".{target.name}-build-old-{os.getpid()}")
        target.rename(retired)
    staging.rename(target)
    if retired:
        shutil.rmtree(retired, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)
