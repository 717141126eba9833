"""Shared by the trainer-tool tests: run the CLI as a trainer would."""

from __future__ import annotations

from pathlib import Path

from cli_runner import invoke  # tests/cli_runner.py
from click.testing import Result


def run(project: Path, *args: str) -> Result:
    """`curriculum ARGS -p PROJECT`, with stdout and stderr kept apart."""
    command, *rest = args
    return invoke(*command.split(), "-p", str(project), *rest)
