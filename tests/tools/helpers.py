"""Shared by the trainer-tool tests: run the CLI as a trainer would."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import main


def run(project: Path, *args: str) -> Result:
    """`curriculum ARGS -p PROJECT`, with stdout and stderr kept apart."""
    command, *rest = args
    words = command.split()
    return CliRunner().invoke(main, [*words, "-p", str(project), *rest], catch_exceptions=False)
