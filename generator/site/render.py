"""Course -> pages: Markdown pages and static assets, knowing nothing of any site engine.

The same output is added to MkDocs by plugin.py or written to a folder by `curriculum render`
for another engine that reads mkdocs.yml (such as Zensical). Templates are autoescaped: text
from YAML reaches a page escaped. Trainer Markdown and the quiz widgets are rendered here, to
finished HTML *fragments*: the page's Markdown holds only a placeholder for each, filled in
after the engine's Markdown step, so no engine re-parses trainer text (course/markdown.py).
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import jinja2
from markupsafe import Markup

from generator import sanitize, templating
from generator.course import checks, model
from generator.course.load import COURSE_FILE
from generator.locale import strings
from generator.site import minify

HERE = Path(__file__).parent
ASSET_DIR = "assets/kefu"
ASSETS = ("quiz.js", "quiz.css", "theme.css")  # theme.css: brand colours, listed in mkdocs.yml


_PLACEHOLDER = '<div data-kefu-fragment="{}"></div>'
_PLACEHOLDERS = re.compile(r'<div data-kefu-fragment="(\d+)"></div>')


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative path -> Markdown
    fragments: dict[str, list[str]] = field(default_factory=dict)  # page -> finished HTML
    page_assets: dict[str, str] = field(default_factory=dict)  # page -> its <link>/<script> tags
    assets: dict[str, bytes] = field(default_factory=dict)  # docs-relative path -> bytes
    edit_sources: dict[str, str] = field(default_factory=dict)  # page -> YAML it comes from
    nav: list = field(default_factory=list)  # MkDocs-style nav of the generated pages

    def fill(self, page: str, html: str) -> str:
        """A page's HTML from the engine with its fragments put in place of their placeholders."""
        fragments = self.fragments.get(page, [])
        return _PLACEHOLDERS.sub(lambda match: fragments[int(match.group(1))], html)

    def standalone(self, page: str) -> str:
        """The page's Markdown with fragments and assets inlined as raw HTML blocks, for an
        engine that runs no plugin (`curriculum render`)."""
        fragments = self.fragments.get(page, [])
        text = _PLACEHOLDERS.sub(lambda match: sanitize.clean(fragments[int(match.group(1))]),
                                 self.pages[page])
        return text + (f"\n{self.page_assets[page]}\n" if page in self.page_assets else "")


def render_site(curriculum: model.Curriculum, *, directory_urls: bool = True) -> Site:
    """Every page and asset of the course."""
    renderer = _Renderer(curriculum, directory_urls)
    return renderer.site()


def question_hash(question: model.AnyQuestion) -> str:
    """Short hash of what makes an answer right: the type, the option keys, the key (accepted
    fill answers folded; a typing drill's passage and targets). Saved progress survives a
    reworded stem, option, feedback or explanation, and is dropped when the key changes."""
    key = _answer_data(question)
    if question.type in ("multiple", "fill"):
        key = sorted(set(key))
    right = [question.type, sorted(getattr(question, "options", {})), key,
             getattr(question, "passage", None)]
    content = json.dumps(right, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]


def display_order(question: model.OrderQuestion) -> list[str]:
    """Order items as first shown: shuffled from the question id, never already solved."""
    keys = list(question.options)
    rng = random.Random(question.id)
    while True:
        rng.shuffle(keys)
        if keys != list(question.answer):
            return keys


def template_env() -> jinja2.Environment:
    return templating.environment(HERE / "templates")


class _Renderer:
    def __init__(self, curriculum: model.Curriculum, directory_urls: bool):
        self.c = curriculum
        self.directory_urls = directory_urls
        self.env = template_env()
        self.t = strings()
        self.categories = {cat: [u for u in curriculum.units.values() if u.category == cat]
                           for cat in model.CATEGORIES}
        self.terms: dict[str, list[tuple[model.Term, model.Unit]]] = {}
        for unit in curriculum.units.values():
            for term in unit.glossary:
                self.terms.setdefault(term.term, []).append((term, unit))
        self.terms = dict(sorted(self.terms.items()))

    def site(self) -> Site:
        site = Site()
        self._page(site, "index.md", "home.md", COURSE_FILE)
        for track in self.c.course.tracks:
            self._page(site, f"tracks/{track.id}.md", "track.md", COURSE_FILE, track=track,
                       units=self.units_of(track))
        for category, units in self.categories.items():
            if units:
                self._page(site, f"categories/{category}.md", "category.md", None,
                           category=category, units=units)
        for unit in self.c.units.values():
            self._page(site, f"units/{unit.id}.md", "unit.md", self.c.unit_sources[unit.id].path,
                       unit=unit, bank=self.c.banks[unit.id])
        if self.terms:
            self._page(site, "glossary.md", "glossary.md", None)
        self._page(site, "progress.md", "progress.md", None)
        self._page(site, "review.md", "review.md", None)
        for name in ASSETS:
            site.assets[f"{ASSET_DIR}/{name}"] = minify.shipped(name)
        site.nav = self.nav(site)
        return site

    def nav(self, site: Site) -> list:
        t, e = self.t, _nav_title
        nav: list = [{e(self.c.course.title): "index.md"}]
        nav.append({t["home_tracks"]: [{e(tr.title): f"tracks/{tr.id}.md"} for tr in self.c.course.tracks]})
        for category, units in self.categories.items():
            if units:
                nav.append({t["category"][category]: [f"categories/{category}.md",
                                                      *[{e(u.title): f"units/{u.id}.md"} for u in units]]})
        nav.append({t["progress_title"]: "progress.md"})
        nav.append({t["review_title"]: "review.md"})
        if "glossary.md" in site.pages:
            nav.append({t["glossary_title"]: "glossary.md"})
        return nav

    def _page(self, site: Site, path: str, template: str, source: str | None, **context) -> None:
        fragments: list[str] = []

        def fragment(html: str = "", caller=None) -> Markup:
            """Keep finished HTML aside; the page's Markdown gets a placeholder line for it."""
            fragments.append(str(caller() if caller else html).strip())
            return Markup("\n" + _PLACEHOLDER.format(len(fragments) - 1) + "\n")

        context.update(
            path=path, course=self.c.course, curriculum=self.c, t=self.t, categories=self.categories,
            terms=self.terms, link=lambda target: _relative(path, target), fragment=fragment,
            page=self,
        )
        site.pages[path] = self.env.get_template(template).render(**context)
        site.fragments[path] = fragments
        if any('class="kefu-' in html for html in fragments):
            site.page_assets[path] = (
                f'<link rel="stylesheet" href="{self._asset_url(path, "quiz.css")}">\n'
                f'<script src="{self._asset_url(path, "quiz.js")}"></script>')
        if source:
            site.edit_sources[path] = source

    def _depth(self, page: str) -> int:
        """How many folders deep the page's URL is: units/a.md is served at units/a/."""
        parts = PurePosixPath(page).with_suffix("").parts
        return len(parts) - (0 if self.directory_urls and parts[-1] != "index" else 1)

    def _asset_url(self, page: str, name: str) -> str:
        return "../" * self._depth(page) + f"{ASSET_DIR}/{name}"

    def page_url(self, from_page: str, to_page: str) -> str:
        """URL of a page as the browser sees it, relative to another page (for raw HTML)."""
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

    # --- quiz data used by the templates ---------------------------------------------

    def quiz_context(self, unit: model.Unit, bank: model.QuizBank) -> dict:
        return {
            "pass_ratio": self.c.pass_ratio(unit.id),
            "questions": [self._question(unit, i, q) for i, q in enumerate(bank.questions)],
        }

    def _question(self, unit: model.Unit, index: int, q: model.AnyQuestion) -> dict:
        options = getattr(q, "options", {})
        letters = {key: chr(ord("A") + i) for i, key in enumerate(options)}
        order = display_order(q) if q.type == "order" else list(options)
        return {
            "q": q,
            "number": index + 1,
            "dom_id": f"kq-{unit.id}-{q.id}",
            "hash": question_hash(q),
            "answer_json": json.dumps(_answer_data(q), ensure_ascii=False),
            "options": [(key, letters[key], options[key]) for key in order],
            "key_text": self._key_text(q, letters),
        }

    def _key_text(self, q: model.AnyQuestion, letters: dict[str, str]) -> list[str]:
        if q.type in ("single", "scenario"):
            return [f"{letters[q.answer]}. {q.options[q.answer].text}"]
        if q.type in ("multiple", "order"):
            return [f"{letters[k]}. {q.options[k].text}" for k in q.answer]
        if q.type == "truefalse":
            return [self.t["true" if q.answer else "false"]]
        if q.type == "fill":
            return list(q.answer)
        return []

    def progress_data(self, from_page: str, unit_ids: list[str] | None = None) -> str:
        """What the progress script needs of each unit, as JSON for a data attribute."""
        chosen = [self.c.units[u] for u in unit_ids] if unit_ids else self.c.units.values()
        units = [{
            "id": u.id,
            "title": u.title,
            "category": u.category,
            "url": self.page_url(from_page, f"units/{u.id}.md"),
            "pass_ratio": self.c.pass_ratio(u.id),
            "questions": {q.id: question_hash(q) for q in self.c.banks[u.id].questions},
        } for u in chosen]
        return json.dumps(units, ensure_ascii=False)


def _answer_data(q: model.AnyQuestion):
    if q.type == "fill":
        return [checks.fold(a) for a in q.answer]
    if q.type == "typing":
        return {"speed": q.target_speed, "accuracy": q.target_accuracy}
    return q.answer


def _nav_title(text: str) -> str:
    """The theme prints nav titles as HTML, and un-escapes them into <title> (striptags): a
    zero-width space after each '<' keeps YAML text from ever forming a tag, even there."""
    return html.escape(text.replace("<", "<\u200b"))


def _relative(from_page: str, to_page: str) -> str:
    """Markdown link from one page source to another (engines resolve .md links)."""
    start = PurePosixPath(from_page).parent
    target = PurePosixPath(to_page)
    up = len(start.parts)
    return "../" * up + str(target) if up else str(target)
