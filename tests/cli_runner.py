"""The one way tests run `curriculum` in-process: like a trainer's shell, except that an
unexpected exception is raised into the test (a traceback fails it) instead of being
swallowed into ``result.exception`` by click's runner."""

from __future__ import annotations

from click.testing import CliRunner, Result

from generator.cli import main


def invoke(*args: str) -> Result:
    """`curriculum ARGS`; ``result.output`` holds stdout and stderr as a terminal shows them."""
    return CliRunner().invoke(main, list(args), prog_name="curriculum", catch_exceptions=False)
