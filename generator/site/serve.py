"""`curriculum serve`: MkDocs' live preview on a free port of 127.0.0.1, rebuilding only the
pages a save changed (dirty reload; the plugin tells MkDocs which pages those are)."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve

from generator.errors import KefuError
from generator.messages import say
from generator.site.build import config_for


def free_port(first: int, tries: int = 21) -> int | None:
    """The first port from ``first`` on that nothing listens on at 127.0.0.1."""
    for port in range(first, min(first + tries, 65536)):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return None


def choose_port(port: int) -> int:
    found = free_port(port)
    if found is None:
        raise KefuError(say("serve.no_free_port", port=port))
    return found


def serve_site(project: Path, port: int) -> None:
    """Serve until interrupted; the plugin keeps the last good course across bad saves."""
    config_for(project)  # a clear message when mkdocs.yml is missing
    builds = logging.getLogger("mkdocs.commands.build")
    builds.addFilter(_no_dirty_warning)
    try:
        mkdocs_serve(
            str(project / "mkdocs.yml"),
            dev_addr=f"127.0.0.1:{port}",
            livereload=True,
            build_type="dirty",
        )
    except OSError as error:  # taken between our check and the server's start
        raise KefuError(
            say("serve.cannot_serve", port=port, reason=error.strerror or error)
        ) from None
    finally:
        builds.removeFilter(_no_dirty_warning)


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build that the nav may be wrong; the plugin rebuilds
    every page when the nav changes, so the warning would only alarm the trainer."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")
