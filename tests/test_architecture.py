"""The shape of the package: imports point one way, one exception hierarchy, one log handler."""

from __future__ import annotations

import ast
import importlib
import inspect
import logging
import pkgutil
from pathlib import Path

import click
import pytest

import generator
from generator.errors import KefuError
from generator.logs import HANDLER_NAME, log_to_terminal

PACKAGE = Path(generator.__file__).parent
# What each part may import from the package: the course knows nothing of pages or tools.
ALLOWED = {
    "course": {"course", "errors", "outputs", "messages"},
    "site": {
        "course",
        "site",
        "errors",
        "outputs",
        "sanitize",
        "templating",
        "locale",
        "logs",
        "messages",
    },
    "tools": {
        "course",
        "tools",
        "errors",
        "outputs",
        "sanitize",
        "templating",
        "locale",
        "messages",
    },
}


def _imports(path: Path) -> set[str]:
    """The first part below `generator` of every module the file imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "generator" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_imports_point_one_way(part):
    wrong = {
        f"{path.relative_to(PACKAGE)} imports generator.{name}"
        for path in (PACKAGE / part).rglob("*.py")
        for name in _imports(path) - ALLOWED[part]
    }
    assert not wrong


def _all_modules():
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="generator."):
        if info.name != "generator.__main__":
            yield importlib.import_module(info.name)


def test_every_refusal_is_a_kefu_error():
    """So the command line shows a message and exits 1, never a traceback, with no try/except
    per command."""
    classes = {
        f"{module.__name__}.{name}"
        for module in _all_modules()
        for name, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module.__name__
        and issubclass(cls, Exception)
        and not issubclass(cls, (KefuError, click.UsageError))  # click's own, for bad options
    }
    assert classes == set()


def test_building_again_adds_no_second_log_handler():
    mkdocs_log = logging.getLogger("mkdocs")
    for _ in range(3):
        log_to_terminal()
    assert [h.name for h in mkdocs_log.handlers].count(HANDLER_NAME) == 1


def test_cli_has_no_error_handling_of_its_own():
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    handlers = [node for node in ast.walk(tree) if isinstance(node, ast.ExceptHandler)]
    # Those that remain turn a library's exception into ours: click's usage errors (in the
    # trainer's language, exit code 1) of commands and of command names, and an OSError while
    # writing an output file.
    assert sorted(ast.unparse(h.type) for h in handlers if h.type) == [
        "OSError",
        "click.UsageError",
        "click.UsageError",
    ]
