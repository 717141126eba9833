"""The MkDocs plugin `curriculum`: adds the course pages to the site, nothing written to docs/.

    plugins:
      - curriculum

Validation runs in on_config, before MkDocs touches site/: a course with errors aborts
`mkdocs build` with every error listed. Under `mkdocs serve` the errors are printed, and
every page shows them in a banner above the last good course until the YAML is fixed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import jieba
import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator import sanitize
from generator.course.load import (
    COURSE_FILE,
    QUIZZES_DIR,
    UNITS_DIR,
    LoadCache,
    load_curriculum,
)
from generator.course.model import Curriculum
from generator.course.problems import ProblemsFound
from generator.messages import say
from generator.site import footer
from generator.site.preview import CompiledTemplates, GeneratedPage, Rebuilds, problems_banner
from generator.site.render import OVERRIDES, SCRIPTS, STYLESHEETS, Site, docs_nav, render_site

log = logging.getLogger("mkdocs.plugins.curriculum")


class CurriculumConfig(base.Config):
    project_dir = c.Optional(c.Dir(exists=True))
    """Folder with curriculum/ and quizzes/; defaults to the folder of mkdocs.yml."""
    nav = c.Type(bool, default=True)
    """Build the navigation (course pages, then docs/ pages) unless mkdocs.yml sets `nav`."""


class CurriculumPlugin(BasePlugin[CurriculumConfig]):
    def __init__(self) -> None:
        self.is_serve = False
        self.dirty = False  # `serve --dirtyreload`: a save rebuilds only the pages it changed
        self.loaded: LoadCache = {}
        self.rebuilds = Rebuilds()
        self.templates = CompiledTemplates()
        self.last_good: Curriculum | None = None
        self.site: Site | None = None
        self.banner = ""  # under serve, while the course has problems: the HTML listing them

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this instance across `serve` rebuilds, and so the last
        # good course.
        self.is_serve = command == "serve"
        self.dirty = self.is_serve and dirty

    def project(self, config: MkDocsConfig) -> Path:
        return Path(self.config.project_dir or Path(config.config_file_path).parent)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.banner = ""
        try:
            cache = self.loaded if self.is_serve else None
            self.last_good = load_curriculum(self.project(config), cache=cache)
        except ProblemsFound as error:
            listing = "\n".join(map(str, error.problems))
            if not (self.is_serve and self.last_good):
                raise PluginError(
                    say("build.problems", count=len(error.problems), listing=listing)
                ) from None
            log.error(  # noqa: TRY400 (the trainer reads the problems, not a traceback)
                "%s", say("build.still_serving", count=len(error.problems), listing=listing)
            )
            self.banner = problems_banner(error.problems)
        except Exception as error:
            # A preview must outlive any save, even one that trips a bug in the loader.
            if not (self.is_serve and self.last_good):
                raise
            log.error(  # noqa: TRY400 (one line in the preview's log; the traceback is noise)
                "%s", say("build.unreadable_still_serving", kind=type(error).__name__, error=error)
            )
            self.banner = problems_banner([], failure=f"{type(error).__name__}: {error}")
        self.site = render_site(
            self.last_good,
            directory_urls=config.use_directory_urls,
            previous=self.site if self.is_serve else None,
        )
        for unit in self.last_good.units.values():
            for term in unit.glossary:
                jieba.add_word(term.term)  # so search finds 询单转化率 as one word
        if self.config.nav and config.nav is None:
            config.nav = self.site.nav + docs_nav(Path(config.docs_dir), self.site.pages)
        _add_assets(config)
        if str(OVERRIDES) not in config.theme.dirs:  # Chinese 404 page; a custom_dir still wins
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
        if self.dirty and self.rebuilds.shown:
            _index_once(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None  # on_config rendered it
        for path, markdown in self.site.pages.items():
            file = GeneratedPage.generated(config, path, content=markdown)
            source = self.site.edit_sources.get(path)
            file.edit_uri = f"../{source}" if source else None  # the YAML lives beside docs/
            if path.startswith("categories/"):  # the nav is by track; the home page links these
                file.inclusion = InclusionLevel.NOT_IN_NAV
            _add(files, file)
        for path, content in self.site.assets.items():
            _add(files, File.generated(config, path, content=content))
        if self.dirty:
            shown = {path: (md, self.site.fragments[path]) for path, md in self.site.pages.items()}
            self.rebuilds.mark(files, shown, everywhere=self._everywhere(config, files))
        return files

    def _everywhere(self, config: MkDocsConfig, files: Files) -> object:
        """What every page shows: the nav (titles of docs/ pages too), the banner, the
        settings."""
        docs = [
            (file.src_uri, Path(file.abs_src_path).stat().st_mtime_ns)
            for file in files.documentation_pages()
            if not isinstance(file, GeneratedPage) and file.abs_src_path
        ]
        settings = Path(config.config_file_path).read_bytes()
        return (repr(config.nav), self.banner, settings, docs)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.last_good:
            footer.follow_tracks(nav, self.last_good)
        if self.dirty:
            self.rebuilds.keep_titles(nav)
        return nav

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        if self.is_serve:
            env.bytecode_cache = self.templates
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Fragments in place, the preview's problems above, then the sanitizer over the whole
        content: no page's content carries a script (ours come through extra_javascript)."""
        path = page.file.src_uri
        if self.dirty:
            self.rebuilds.built(page)
        if self.site and path in self.site.fragments:
            html = self.site.fill(path, html)
        return sanitize.clean(self.banner + html)

    def on_build_error(self, *, error: Exception) -> None:
        self.rebuilds.forget()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        project = self.project(config)
        for folder in (Path(COURSE_FILE).parent, Path(UNITS_DIR), Path(QUIZZES_DIR)):
            if (project / folder).is_dir():
                server.watch(str(project / folder))
        return server


def _index_once(config: MkDocsConfig) -> None:
    """Under dirty reload the first build's search index stays in the site folder: later
    builds skip indexing (half of a build's time), so the preview's search finds the text as
    it was when the preview started."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        search.config["enabled"] = False


def _add(files: Files, file: File) -> None:
    if existing := files.get_file_from_path(file.src_uri):
        raise PluginError(say("build.page_clash", path=existing.src_uri))
    files.append(file)


def _add_assets(config: MkDocsConfig) -> None:
    """Our styles and script on every page, as mkdocs.yml would list them (see render.py)."""
    for setting, paths in (("extra_css", STYLESHEETS), ("extra_javascript", SCRIPTS)):
        listed = {str(entry) for entry in config[setting]}
        config[setting].extend(path for path in paths if path not in listed)
