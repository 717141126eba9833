"""What only the live preview (`curriculum serve`) adds to pages: while the course has
problems, a banner over every page lists them above the last good version. A build fails on
the same problems instead, so it never shows one."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from generator.course.problems import Problem
from generator.messages import say


def problems_banner(problems: Sequence[Problem], failure: str | None = None) -> str:
    """The banner as HTML; every word of a trainer's file in it is escaped (a message may
    quote the file). ``failure``: a loader error that is not a list of problems."""
    items = [
        Markup("<li><code>{}</code> {}</li>").format(
            f"{p.file}:{p.line}:{p.column}", f"{p.path}: {p.message}" if p.path else p.message
        )
        for p in problems
    ]
    if failure:
        items.append(Markup("<li>{}</li>").format(say("preview.unreadable", error=failure)))
    title = say("preview.banner", count=len(problems) or 1)
    return Markup(
        '<div class="admonition failure kefu-problems" data-course-problems role="alert">'
        '<p class="admonition-title">{}</p><ul>{}</ul></div>\n'
    ).format(escape(title), Markup("").join(items))
