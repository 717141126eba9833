"""The `curriculum` command: validate, build, preview and export the course."""

from __future__ import annotations

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
