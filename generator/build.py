"""Build the site with MkDocs into a fresh folder, then swap it in: a failed build leaves
the last good site/ exactly as it was."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # a banner about MkDocs 2.0 on every run


class BuildFailed(Exception):
    pass


def config_for(project: Path, **overrides):
    config_file = Path(project) / "mkdocs.yml"
    if not config_file.is_file():
        raise BuildFailed(f"{config_file}: missing; run from the project folder or pass --project")
    try:
        return load_config(str(config_file), **overrides)
    except MkDocsException as error:
        raise BuildFailed(f"{config_file}: {error}") from None


def build_site(project: Path, *, strict: bool = True, site_dir: Path | None = None, **config) -> Path:
    """Build into a temporary folder beside the target and swap it in on success.

    ``config`` overrides settings of mkdocs.yml, e.g. ``site_url``."""
    target = Path(site_dir or config_for(project).site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    try:
        config = config_for(project, **{**config, "site_dir": str(staging), "strict": strict})
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, BuildFailed) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(str(error) or "the build failed; see the messages above") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, target)
    return target


def _swap_in(staging: Path, target: Path) -> None:
    retired = None
    if target.exists():
        retired = target.with_name(f".{target.name}-old-{os.getpid()}")
        shutil.rmtree(retired, ignore_errors=True)
        target.rename(retired)
    staging.rename(target)
    os.chmod(target, 0o755)  # mkdtemp makes it private; a web server must read it
    if retired:
        shutil.rmtree(retired, ignore_errors=True)


