"""The quiz assets as shipped: comments and spaces removed, so the sources can explain
themselves without costing trainees on phones a byte (the budget test measures these)."""

from __future__ import annotations

from pathlib import Path

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]

SOURCES = Path(__file__).parent / "assets"


def shipped(name: str) -> bytes:
    """The asset `name` (quiz.js, quiz.css, theme.css) minified, as written to the site."""
    text = (SOURCES / name).read_text(encoding="utf-8")
    small: str = rjsmin.jsmin(text) if name.endswith(".js") else rcssmin.cssmin(text)
    return small.encode("utf-8")
