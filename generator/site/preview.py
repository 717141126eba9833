"""What only the live preview (`curriculum serve`) does: while the course has problems, a
banner over every page lists them above the last good version (a build fails on the same
problems instead, so it never shows one); and a save rebuilds only the pages it changed."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

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
    banner = Markup(
        '<div class="admonition failure kefu-problems" data-course-problems role="alert">'
        '<p class="admonition-title">{}</p><ul>{}</ul></div>\n'
    ).format(escape(title), Markup("").join(items))
    return str(banner)  # plain text from here on: Markup + a page's HTML would escape the page


class GeneratedPage(File):
    """A generated page that MkDocs' dirty reload rebuilds only when it changed (MkDocs takes
    every generated file for changed)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class Rebuilds:
    """What the preview's last build wrote, so that under `serve --dirtyreload` a save
    rebuilds only the pages it changed; when something every page shows changes (the nav,
    the banner, mkdocs.yml, a docs/ page), every page is rebuilt."""

    def __init__(self) -> None:
        self.shown: dict[str, object] = {}  # generated page -> what it showed
        self.everywhere: object = None
        self.outputs: dict[str, str] = {}  # generated page -> its HTML file
        self.titles: dict[str, str | None] = {}  # page -> its title when last built

    def forget(self) -> None:
        """After a failed build, nothing on disk is known to be current."""
        self.shown, self.everywhere = {}, None

    def mark(self, files: Files, shown: Mapping[str, object], everywhere: object) -> None:
        """Tell MkDocs which pages to write: ``shown`` is what each generated page shows,
        ``everywhere`` what every page shows."""
        renew = everywhere != self.everywhere
        for file in files:
            if isinstance(file, GeneratedPage):
                file.changed = renew or self.shown.get(file.src_uri) != shown.get(file.src_uri)
            elif renew and file.is_documentation_page() and Path(file.abs_dest_path).is_file():
                os.utime(file.abs_dest_path, (0, 0))  # now older than its source: rebuilt
        outputs = {f.src_uri: f.abs_dest_path for f in files if isinstance(f, GeneratedPage)}
        for page, output in self.outputs.items():
            if page not in outputs:
                Path(output).unlink(missing_ok=True)  # a removed unit leaves the preview
        self.shown, self.everywhere, self.outputs = dict(shown), everywhere, outputs

    def keep_titles(self, nav: Navigation) -> None:
        """A page the build skips is not read, so it has no title: give it its last one, or
        the nav of the pages that are rebuilt shows it blank."""
        for page in nav.pages:
            if not page.file.is_modified() and page.file.src_uri in self.titles:
                page.title = self.titles[page.file.src_uri]

    def built(self, page: Page) -> None:
        self.titles[page.file.src_uri] = page.title


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per preview: MkDocs makes a new Jinja environment
    for every build, and compiling Material's templates again took a third of a rebuild.
    Jinja checks each template's source against its checksum, so an edited one is compiled."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()
