"""One exception hierarchy: every refusal a trainer can act on is a KefuError.

It is a click.ClickException, so the command line shows its message and exits 1 without a
traceback, and no command needs a try/except of its own.
"""

from __future__ import annotations

from typing import IO, Any

import click

from generator.outputs import terminal_text


class KefuError(click.ClickException):
    """A request that cannot be carried out, told in words the trainer can act on."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        # Messages quote file names and text from files anyone can edit: no escape sequences.
        click.secho(terminal_text(self.format_message()), fg="red", err=True, file=file)
