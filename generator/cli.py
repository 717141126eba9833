"""The `curriculum` command: validate, build, preview and export the course."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import click

from .load import load_curriculum
from .problems import ProblemsFound

PROJECT = click.option(
    "--project", "-p", type=click.Path(file_okay=False, path_type=Path), default=".",
    show_default=True, help="Folder holding curriculum/, quizzes/ and mkdocs.yml.")


def report_problems(error: ProblemsFound) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)
    count = len(error.problems)
    click.secho(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.",
                fg="red", err=True)


def load_or_exit(project: Path):
    try:
        return load_curriculum(project)
    except ProblemsFound as error:
        report_problems(error)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Kefu Academy: turn curriculum/ and quizzes/ into a training site with self-graded quizzes."""


@main.command()
@PROJECT
def validate(project: Path) -> None:
    """Check every unit and question bank without building.

    \b
    Example:
      curriculum validate
    """
    start = time.perf_counter()
    curriculum = load_or_exit(project)
    questions = sum(len(b.questions) for b in curriculum.banks.values())
    click.echo(f"OK: {len(curriculum.units)} units, {questions} questions "
               f"({time.perf_counter() - start:.2f} s)")


@main.command()
@PROJECT
@click.option("--check", is_flag=True, help="Fail if the committed schemas are out of date.")
def schema(project: Path, check: bool) -> None:
    """Write the JSON Schemas for editors to schema/.

    \b
    Example:
      curriculum schema          # after changing generator/model.py
      curriculum schema --check  # in CI
    """
    from .schema import SCHEMA_DIR, schema_texts, write_schemas

    if check:
        stale = [name for name, text in schema_texts().items()
                 if not (project / SCHEMA_DIR / name).is_file()
                 or (project / SCHEMA_DIR / name).read_text(encoding="utf-8") != text]
        if stale:
            click.echo(f"out of date: {', '.join(stale)}; run `curriculum schema`", err=True)
            sys.exit(1)
        click.echo("schemas are up to date")
        return
    for path in write_schemas(project):
        click.echo(f"wrote {path}")


@main.command()
@PROJECT
@click.option("--no-strict", is_flag=True, help="Build even when MkDocs warns (broken links…).")
def build(project: Path, no_strict: bool) -> None:
    """Validate, then build the site into site/ (kept as it was if anything fails).

    \b
    Example:
      curriculum build
    """
    from .build import BuildFailed, build_site

    curriculum = load_or_exit(project)
    _log_to_terminal()
    start = time.perf_counter()
    try:
        target = build_site(project, strict=not no_strict)
    except BuildFailed as error:
        click.secho(f"build failed: {error}\nthe previous site/ was left as it was.", fg="red", err=True)
        sys.exit(1)
    click.echo(f"built {len(curriculum.units)} units into {target} "
               f"in {time.perf_counter() - start:.1f} s")


@main.command()
@PROJECT
@click.option("--port", default=8000, show_default=True, help="Port to serve on (localhost).")
def serve(project: Path, port: int) -> None:
    """Preview the site at http://127.0.0.1:8000, rebuilt on every save of a YAML file.

    While a file has errors they are printed and the last good version stays on screen.

    \b
    Example:
      curriculum serve --port 8001
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    from .build import config_for

    load_or_exit(project)
    _log_to_terminal(logging.INFO)
    config_for(project)  # a clear message when mkdocs.yml is missing
    mkdocs_serve(str(project / "mkdocs.yml"), dev_addr=f"127.0.0.1:{port}", livereload=True)


@main.command()
@PROJECT
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def render(project: Path, out: Path) -> None:
    """Write the generated pages (Markdown) and assets into OUT, for another site engine.

    Copy them beside your hand-written pages in docs/ and build with any engine that reads
    mkdocs.yml (Zensical, for example) without the `curriculum` plugin.

    \b
    Example:
      curriculum render build/pages
    """
    from .build import config_for
    from .render import render_site

    curriculum = load_or_exit(project)
    directory_urls = config_for(project).use_directory_urls if (project / "mkdocs.yml").is_file() else True
    site = render_site(curriculum, directory_urls=directory_urls)
    for path, text in site.pages.items():
        _write(out / path, text.encode("utf-8"))
    for path, content in site.assets.items():
        _write(out / path, content)
    click.echo(f"wrote {len(site.pages)} pages and {len(site.assets)} assets to {out}")


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _log_to_terminal(level: int = logging.WARNING) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(level)
    mkdocs_log.propagate = False
    import jieba  # the search plugin segments Chinese with it; its loading chatter is noise here

    jieba.setLogLevel(logging.WARNING)
