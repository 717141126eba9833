"""Course -> pages: Markdown pages and static assets, knowing nothing of any site engine.

The same output is added to MkDocs by plugin.py or written to a folder by `curriculum render`
for another engine that reads mkdocs.yml (such as Zensical). Templates are autoescaped: text
from YAML reaches a page escaped. Trainer Markdown and the quiz widgets are rendered here, to
finished HTML *fragments*: the page's Markdown holds only a placeholder for each, filled in
after the engine's Markdown step, so no engine re-parses trainer text (course/markdown.py).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from markupsafe import Markup

from generator import sanitize, templating
from generator.course import model
from generator.course.load import COURSE_FILE
from generator.locale import strings
from generator.site import minify
from generator.site.nav import NavItem, places, site_nav, track_page, untracked

HERE = Path(__file__).parent
OVERRIDES = HERE / "overrides"  # theme templates: the Chinese 404 page
ASSET_DIR = "assets/kefu"
ASSETS = ("quiz.js", "quiz.css", "theme.css")  # theme.css: brand colours
# Loaded on every page through the engine's extra_css/extra_javascript, which both MkDocs and
# Zensical resolve against the site root, so the site works under any sub-path (raw HTML
# links to assets do not: Zensical re-resolves them one folder deeper).
STYLESHEETS = (f"{ASSET_DIR}/theme.css", f"{ASSET_DIR}/quiz.css")
SCRIPTS = (f"{ASSET_DIR}/quiz.js",)


_PLACEHOLDER = '<div data-kefu-fragment="{}"></div>'
_PLACEHOLDERS = re.compile(r'<div data-kefu-fragment="(\d+)"></div>')


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative path -> Markdown
    fragments: dict[str, list[str]] = field(default_factory=dict)  # page -> finished HTML
    assets: dict[str, bytes] = field(default_factory=dict)  # docs-relative path -> bytes
    edit_sources: dict[str, str] = field(default_factory=dict)  # page -> YAML it comes from
    nav: list[NavItem] = field(default_factory=list)  # MkDocs-style nav of the generated pages
    inputs: dict[str, object] = field(default_factory=dict)  # unit page -> what it shows

    def fill(self, page: str, html: str) -> str:
        """A page's HTML from the engine with its fragments put in place of their placeholders."""
        fragments = self.fragments.get(page, [])
        return _PLACEHOLDERS.sub(lambda match: fragments[int(match.group(1))], html)

    def standalone(self, page: str) -> str:
        """The page's Markdown with fragments inlined as raw HTML blocks, for an engine that
        runs no plugin (`curriculum render`)."""
        fragments = self.fragments.get(page, [])
        return _PLACEHOLDERS.sub(
            lambda match: sanitize.clean(fragments[int(match.group(1))]), self.pages[page]
        )


def render_site(
    curriculum: model.Curriculum,
    *,
    directory_urls: bool = True,
    page_folders: bool = False,
    previous: Site | None = None,
) -> Site:
    """Every page and asset of the course.

    ``page_folders`` writes each page as index.md of its own folder (units/a/index.md, not
    units/a.md): its source folder is then its URL's folder, where MkDocs (which leaves raw
    HTML alone) and Zensical (which resolves relative URLs in raw HTML from the source file)
    agree on what a relative link in a fragment points at. The URLs stay the same.
    ``previous``, the site rendered before an edit, lends the unit pages whose inputs did not
    change: the preview renders only the units a save touched."""
    renderer = _Renderer(curriculum, directory_urls, page_folders)
    return renderer.site(previous)


def question_hash(question: model.AnyQuestion) -> str:
    """Short hash of what makes an answer right (the question's ``what_is_right``): saved
    progress survives a reworded stem, option, feedback or explanation, and is dropped when
    the key changes."""
    content = json.dumps(question.what_is_right(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]


@functools.cache
def template_env() -> jinja2.Environment:
    """One environment for the process: its templates are compiled once (they are reloaded
    when their file changes)."""
    return templating.environment(HERE / "templates")


class _Renderer:
    def __init__(self, curriculum: model.Curriculum, directory_urls: bool, page_folders: bool):
        self.c = curriculum
        self.directory_urls = directory_urls
        self.page_folders = page_folders
        self.env = template_env()
        self.t = strings()
        self.key_style = model.KeyStyle(
            option=_lettered,
            true=self.t["true"],
            false=self.t["false"],
            several="；",
            steps=" → ",
            accepted="；",
        )
        self.categories = {
            cat: [u for u in curriculum.units.values() if u.category == cat]
            for cat in model.CATEGORIES
        }
        self.terms: dict[str, list[tuple[model.Term, model.Unit]]] = {}
        for unit in curriculum.units.values():
            for term in unit.glossary:
                self.terms.setdefault(term.term, []).append((term, unit))
        self.terms = dict(sorted(self.terms.items()))
        self.places = places(curriculum)  # unit id -> its places in the tracks
        self.untracked = untracked(curriculum)

    def site(self, previous: Site | None) -> Site:
        site = Site()
        self._page(site, "index.md", "home.md", COURSE_FILE)
        for track in self.c.course.tracks:
            self._page(
                site,
                track_page(track.id),
                "track.md",
                COURSE_FILE,
                track=track,
                units=self.units_of(track),
            )
        for category, units in self.categories.items():
            if units:
                self._page(
                    site,
                    f"categories/{category}.md",
                    "category.md",
                    None,
                    category=category,
                    units=units,
                )
        for unit in self.c.units.values():
            written = self.source(f"units/{unit.id}.md")
            inputs = self.unit_inputs(unit)
            if previous and previous.inputs.get(written) == inputs:
                site.pages[written] = previous.pages[written]
                site.fragments[written] = previous.fragments[written]
                site.edit_sources[written] = previous.edit_sources[written]
            else:
                self._page(
                    site,
                    f"units/{unit.id}.md",
                    "unit.md",
                    self.c.unit_sources[unit.id].path,
                    unit=unit,
                    bank=self.c.banks[unit.id],
                )
            site.inputs[written] = inputs
        if self.terms:
            self._page(site, "glossary.md", "glossary.md", None)
        self._page(site, "progress.md", "progress.md", None)
        self._page(site, "review.md", "review.md", None)
        for name in ASSETS:
            site.assets[f"{ASSET_DIR}/{name}"] = minify.shipped(name)
        site.nav = self.nav(site)
        return site

    def unit_inputs(self, unit: model.Unit) -> object:
        """Everything a unit page shows (unit.md and the templates it includes): two renders
        with equal inputs give the same page."""
        places = self.places.get(unit.id, [])
        neighbours = {u: self.c.units[u].title for p in places for u in (p.previous, p.next) if u}
        return (
            unit,
            self.c.banks[unit.id],
            self.c.course,
            self.c.unit_sources[unit.id].path,
            places,
            neighbours,
            self.directory_urls,
            self.page_folders,
        )

    def source(self, page: str) -> str:
        """Where a page (named as units/a.md everywhere else) is written."""
        if not self.page_folders or page == "index.md" or page.endswith("/index.md"):
            return page
        return f"{page.removesuffix('.md')}/index.md"

    def nav(self, site: Site) -> list[NavItem]:
        return site_nav(self.c, self.t, set(site.pages), self.source)

    def _page(
        self, site: Site, path: str, template: str, source: str | None, **context: Any
    ) -> None:
        fragments: list[str] = []

        def fragment(html: str = "", caller: Callable[[], str] | None = None) -> Markup:
            """Keep finished HTML aside; the page's Markdown gets a placeholder line for it."""
            fragments.append(str(caller() if caller else html).strip())
            return Markup("\n" + _PLACEHOLDER.format(len(fragments) - 1) + "\n")  # noqa: S704 (a fixed tag and a number)

        written = self.source(path)
        context.update(
            path=path,
            course=self.c.course,
            curriculum=self.c,
            t=self.t,
            categories=self.categories,
            track_page=track_page,
            terms=self.terms,
            link=lambda target: _relative(written, self.source(target)),
            fragment=fragment,
            page=self,
        )
        site.pages[written] = self.env.get_template(template).render(**context)
        site.fragments[written] = fragments
        if source:
            site.edit_sources[written] = source

    def _depth(self, page: str) -> int:
        """How many folders deep the page's URL is: units/a.md is served at units/a/."""
        parts = PurePosixPath(page).with_suffix("").parts
        return len(parts) - (0 if self.directory_urls and parts[-1] != "index" else 1)

    def page_url(self, from_page: str, to_page: str) -> str:
        """URL of a page as the browser sees it, relative to another page (for raw HTML)."""
        from_page, to_page = self.source(from_page), self.source(to_page)
        target = PurePosixPath(to_page).with_suffix("")
        if not self.directory_urls:
            url = f"{target}.html"
        elif target.name == "index":
            url = "" if str(target.parent) == "." else f"{target.parent}/"
        else:
            url = f"{target}/"
        return "../" * self._depth(from_page) + url

    def units_of(self, track: model.Track) -> list[model.Unit]:
        return [self.c.units[u] for u in track.units]

    def progress_groups(self) -> list[tuple[str, list[str]]]:
        """学习进度 lists units by track, in course order, then those in no track."""
        groups = [(track.title, track.units) for track in self.c.course.tracks]
        return groups + ([(self.t["other_units"], self.untracked)] if self.untracked else [])

    # --- quiz data used by the templates ---------------------------------------------

    def quiz_context(self, unit: model.Unit, bank: model.QuizBank) -> dict[str, Any]:
        return {
            "pass_ratio": self.c.pass_ratio(unit.id),
            "questions": [self._question(unit, i, q) for i, q in enumerate(bank.questions)],
        }

    def _question(self, unit: model.Unit, index: int, q: model.AnyQuestion) -> dict[str, Any]:
        options, letters = q.choices(), q.letters()
        return {
            "q": q,
            "number": index + 1,
            "dom_id": f"kq-{unit.id}-{q.id}",
            "hash": question_hash(q),
            "answer_json": json.dumps(q.browser_key(), ensure_ascii=False),
            "options": [(key, letters[key], options[key]) for key in q.display_order()],
            "key_text": q.key_text(self.key_style),
            "key_steps": q.key_steps(self.key_style),
        }

    def progress_data(self, from_page: str, unit_ids: list[str] | None = None) -> str:
        """What the progress script needs of each unit, as JSON for a data attribute."""
        chosen = [self.c.units[u] for u in unit_ids] if unit_ids else self.c.units.values()
        units = [
            {
                "id": u.id,
                "title": u.title,
                "category": u.category,
                "url": self.page_url(from_page, f"units/{u.id}.md"),
                "pass_ratio": self.c.pass_ratio(u.id),
                "questions": {q.id: question_hash(q) for q in self.c.banks[u.id].questions},
            }
            for u in chosen
        ]
        return json.dumps(units, ensure_ascii=False)


def _lettered(options: model.Options, key: str) -> str:
    """A correct option as the site's key shows it: `B. 先道歉`."""
    return f"{model.option_letter(list(options).index(key))}. {options[key].text}"


def docs_nav(docs_dir: Path, generated: dict[str, str]) -> list[NavItem]:
    """Hand-written pages after the course: top-level files, then one section per folder,
    titled by the folder's index.md heading."""
    nav: list[NavItem] = [
        path.name for path in sorted(docs_dir.glob("*.md")) if path.name not in generated
    ]
    for folder in sorted(p for p in docs_dir.iterdir() if p.is_dir()):
        pages = sorted(folder.rglob("*.md"), key=lambda p: (p.name != "index.md", str(p)))
        if pages:
            title = _first_heading(folder / "index.md") or folder.name
            nav.append({title: [p.relative_to(docs_dir).as_posix() for p in pages]})
    return nav


def _first_heading(path: Path) -> str | None:
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return None


def _relative(from_page: str, to_page: str) -> str:
    """Markdown link from one page source to another (engines resolve .md links)."""
    start = PurePosixPath(from_page).parent
    target = PurePosixPath(to_page)
    up = len(start.parts)
    return "../" * up + str(target) if up else str(target)
