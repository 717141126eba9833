"""One named handler on MkDocs' logger, set up once however many builds a process runs."""

from __future__ import annotations

import logging

HANDLER_NAME = "kefu-terminal"


def log_to_terminal(level: int = logging.WARNING) -> None:
    """Print MkDocs' and the plugin's messages at ``level`` and above, each once."""
    mkdocs_log = logging.getLogger("mkdocs")
    if not any(handler.name == HANDLER_NAME for handler in mkdocs_log.handlers):
        handler = logging.StreamHandler()
        handler.name = HANDLER_NAME
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(level)
    mkdocs_log.propagate = False
    # The search plugin segments Chinese with jieba, whose import sets its logger to DEBUG:
    # import it first, then quieten its loading chatter.
    import jieba  # noqa: PLC0415 - only commands that build need it

    jieba.setLogLevel(logging.WARNING)
