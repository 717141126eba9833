"""The course as a folder any engine that reads mkdocs.yml can build without our plugin.

`write_project(project, out)` writes out/docs/ (the generated pages with their fragments
inlined, the assets, and the project's hand-written docs/) and out/mkdocs.yml: the project's
own config with the plugin removed, the course navigation written out as `nav:`, and the
assets listed in extra_css/extra_javascript. Zensical (Material's successor, which runs no
MkDocs plugins) and `mkdocs build` then make the same site as the plugin build.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.course.load import load_curriculum
from generator.errors import KefuError
from generator.messages import say
from generator.site.render import OVERRIDES, SCRIPTS, STYLESHEETS, docs_nav, render_site

PLUGIN = "curriculum"
CONFIG_FILE = "mkdocs.yml"
SITE_DIR = "site"  # inside the folder: Zensical builds nowhere else
HEADER = (
    "# Written by `curriculum render` from the project's mkdocs.yml: the `curriculum` plugin\n"
    "# removed, the course navigation and assets written out. Edit that file, not this one.\n"
)


class ConfigProblem(KefuError):
    pass


def write_project(project: Path, out: Path, **overrides: Any) -> Path:
    """Write the pages and a ready mkdocs.yml into ``out``; returns the config file.

    ``overrides`` replace top-level settings, e.g. ``site_url``."""
    config = read_config(Path(project) / CONFIG_FILE)
    docs = out / "docs"
    _clear_previous(out)
    hand_written = Path(project) / config.get("docs_dir", "docs")
    site = render_site(
        load_curriculum(project),
        directory_urls=config.get("use_directory_urls", True),
        page_folders=True,  # relative links in raw HTML then mean the same to every engine
    )
    if hand_written.is_dir():
        _copy_docs(hand_written, docs, site.pages)
    for path in site.pages:
        _write(docs / path, site.standalone(path).encode("utf-8"))
    for path, content in site.assets.items():
        _write(docs / path, content)
    config.update(docs_dir="docs", site_dir=SITE_DIR)
    config["plugins"] = _without_plugin(config.get("plugins"))
    if config.get("nav") is None:
        extra = docs_nav(hand_written, site.pages) if hand_written.is_dir() else []
        config["nav"] = site.nav + extra
    for setting, paths in (("extra_css", STYLESHEETS), ("extra_javascript", SCRIPTS)):
        listed = config.setdefault(setting, [])
        listed += [path for path in paths if path not in listed]
    theme = config.setdefault("theme", {"name": "material"})
    if isinstance(theme, dict):
        theme.setdefault("variant", "classic")  # Zensical's look of Material; MkDocs ignores it
        if "custom_dir" not in theme:  # the plugin adds these; here the config must name them
            shutil.copytree(OVERRIDES, out / "overrides")
            theme["custom_dir"] = "overrides"
    config.update(overrides)
    config_file = out / CONFIG_FILE
    _write(config_file, (HEADER + dump_config(config)).encode("utf-8"))
    return config_file


def _clear_previous(out: Path) -> None:
    """A folder we rendered before is rendered afresh (a removed unit leaves no page behind);
    any other folder with a mkdocs.yml or docs/ is someone's project, never overwritten."""
    config_file = out / CONFIG_FILE
    ours = config_file.is_file() and config_file.read_text(encoding="utf-8").startswith(HEADER)
    if ours:
        shutil.rmtree(out / "docs", ignore_errors=True)
        shutil.rmtree(out / "overrides", ignore_errors=True)
    elif config_file.exists() or (out / "docs").exists():
        raise ConfigProblem(say("render.not_ours", folder=out))


def _copy_docs(source: Path, docs: Path, generated: dict[str, str]) -> None:
    taken = {_url_of(page) for page in generated}
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source).as_posix()
        if relative in generated or (relative.endswith(".md") and _url_of(relative) in taken):
            raise ConfigProblem(say("build.page_clash", path=relative))
        if path.is_file():
            (docs / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, docs / relative)


def _url_of(page: str) -> str:
    """progress.md and progress/index.md are both served at progress/."""
    return page.removesuffix(".md").removesuffix("/index").removesuffix("index")


def _without_plugin(plugins: Any) -> Any:
    if isinstance(plugins, dict):
        return {name: value for name, value in plugins.items() if name != PLUGIN}
    return [
        entry
        for entry in plugins or []
        if entry != PLUGIN and not (isinstance(entry, dict) and PLUGIN in entry)
    ]


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


# --- mkdocs.yml read and written back with its tags (!ENV, !!python/...) as they were ----


@dataclass
class Tagged:
    """A YAML value under a tag that only the engine resolves (``!ENV [SITE_URL, …]``)."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _keep_tag(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        return Tagged(node.tag, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    assert isinstance(node, yaml.ScalarNode)
    return Tagged(node.tag, loader.construct_scalar(node))


def _represent_tagged(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _keep_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag)
_Dumper.add_representer(Tagged, _represent_tagged)


def read_config(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigProblem(say("build.no_config", path=path))
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except yaml.YAMLError as error:
        raise ConfigProblem(say("build.bad_config", path=path, error=error)) from None
    if not isinstance(config, dict):
        raise ConfigProblem(say("build.config_not_settings", path=path))
    if "INHERIT" in config:
        raise ConfigProblem(say("build.config_inherit", path=path))
    return config


def dump_config(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
