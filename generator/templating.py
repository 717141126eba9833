"""Jinja2 for pages, exams and reports: autoescaped, so text from YAML reaches HTML escaped,
and trainer Markdown only through the one renderer (course/markdown.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.course import markdown


def environment(folder: Path) -> jinja2.Environment:
    """Templates of one folder; an undefined name is an error, not an empty string."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        text=lambda s: Markup(markdown.escape_text(str(s))),
        md=lambda s: Markup(markdown.render(s)),
        md_inline=lambda s: Markup(markdown.render_inline(s)),
        md_item=lambda s: Markup(unwrap_paragraph(markdown.render(s))),
        fmt=_format,
    )
    return env


def _format(template: str, **values: Any) -> str:
    return template.format(**values)


def unwrap_paragraph(html: str) -> str:
    """A one-paragraph list item or box line without its <p>, as a tight list shows it."""
    inner = html.strip()
    if inner.startswith("<p>") and inner.endswith("</p>") and inner.count("<p>") == 1:
        return inner[3:-4]
    return inner
