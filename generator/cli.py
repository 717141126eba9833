"""The `curriculum` command: validate, build, preview and export the course."""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from generator.course.load import load_curriculum
from generator.course.model import AUDIENCES, CATEGORIES, QUESTION_TYPES, Curriculum
from generator.errors import KefuError
from generator.logs import log_to_terminal
from generator.messages import LANGUAGES, lookup, say
from generator.outputs import json_for_terminal, one_line, terminal_text

if TYPE_CHECKING:
    from generator.tools.report import ResultsFile

PROJECT = click.option(
    "--project",
    "-p",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Folder holding curriculum/, quizzes/ and mkdocs.yml.",
)


class _BadUsage(click.UsageError):
    """A usage error in the trainer's language, with the exit code of every other refusal."""

    exit_code = 1

    def __init__(self, error: click.UsageError):
        super().__init__(error.message, error.ctx)
        self.error = error

    def format_message(self) -> str:
        error = self.error
        if isinstance(error, click.NoSuchCommand):
            return say("click.no_such_command", name=error.command_name)
        if isinstance(error, click.NoSuchOption):
            if error.possibilities:
                guesses = say("list.join").join(error.possibilities)
                return say("click.no_such_option_guess", name=error.option_name, guesses=guesses)
            return say("click.no_such_option", name=error.option_name)
        if isinstance(error, click.BadParameter) and error.param is not None:
            return _bad_parameter(error, error.param)
        return error.format_message()

    def show(self, file: IO[Any] | None = None) -> None:
        if self.ctx is not None:
            hint = say("click.try_help", command=self.ctx.command_path, option="--help")
            click.echo(f"{self.ctx.get_usage()}\n{hint}\n", file=file, err=True)
        click.echo(say("click.error", message=self.format_message()), file=file, err=True)


def _bad_parameter(error: click.BadParameter, param: click.Parameter) -> str:
    """A missing or bad argument or option, and what it takes."""
    argument = isinstance(param, click.Argument)
    name = param.human_readable_name if argument else " / ".join(param.opts)
    if isinstance(error, click.MissingParameter):
        return say("click.missing_argument" if argument else "click.missing_option", name=name)
    if isinstance(param.type, click.Choice):
        choices = say("list.join").join(map(str, param.type.choices))
        return say("click.bad_choice", name=name, choices=choices)
    if isinstance(param.type, click.types.IntParamType):
        return say("click.bad_number", name=name)
    return say("click.bad_value", name=name, detail=error.message)


class _Command(click.Command):
    """Help and usage errors in the trainer's language, looked up when shown, never at import:
    ``help.<path>`` for a command (``help.main``, ``help.new.unit``), ``help.<path>.<param>`` or
    ``help.option.<param>`` for an option. English keeps the docstrings and help= texts."""

    help_path = ""  # set by the group the command is added to, e.g. "new.unit"

    def _key(self, suffix: str = "") -> str:
        return f"help.{self.help_path or 'main'}{suffix}"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Bad input exits 1 like every other refusal (click's own usage errors would exit 2).
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            raise _BadUsage(error) from error

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces, prefix=say("click.usage"))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = lookup(self._key())
        if text is None:
            super().format_help_text(ctx, formatter)
            return
        formatter.write_paragraph()  # laid out as written: click's wrapping splits at spaces
        for line in text.splitlines():
            formatter.write(f"{'':>{formatter.current_indent + 2}}{line}\n" if line else "\n")

    def get_short_help_str(self, limit: int = 45) -> str:
        text = lookup(self._key())
        if text is None:
            return super().get_short_help_str(limit)
        shown = ""
        for char in text.splitlines()[0].rstrip("。"):
            if _columns(shown + char) > limit - 1:
                return shown + "…"
            shown += char
        return shown

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for param in self.get_params(ctx):
            if isinstance(param, click.Argument):
                continue
            name = "help" if param is self.get_help_option(ctx) else param.name
            text = lookup(self._key(f".{name}")) or lookup(f"help.option.{name}")
            shown = param
            if text is not None:
                shown = copy.copy(param)
                shown.help = text
            if record := shown.get_help_record(ctx):
                rows.append((record[0], _extras_translated(record[1])))
        if rows:
            with formatter.section(say("click.options")):
                formatter.write_dl(rows)


def _columns(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _extras_translated(text: str) -> str:
    """Click's ``[default: .; required]`` after an option's help, in the trainer's language."""
    help_text, gap, extras = text.rpartition("  [")
    if not gap or not extras.endswith("]"):
        return text
    items = [
        say("click.default", value=item.removeprefix("default: "))
        if item.startswith("default: ")
        else say("click.required")
        if item == "required"
        else item
        for item in extras[:-1].split("; ")
    ]
    return f"{help_text}  [{'; '.join(items)}]"


class _Group(_Command, click.Group):
    command_class = _Command

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        super().add_command(cmd, name)
        if isinstance(cmd, _Command):
            cmd.help_path = f"{self.help_path}.{name or cmd.name}".lstrip(".")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) and not command.hidden
        ]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section(say("click.commands")):
                formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in commands])

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            raise _BadUsage(error) from error


_Group.group_class = _Group


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    # Read by generator.messages on every message, so it reaches every command's output.
    if value:
        os.environ["KEFU_LANG"] = value


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    callback=_set_language,
    expose_value=False,
    is_eager=True,
    help="Language of messages (default zh, or KEFU_LANG).",
)
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
    curriculum = load_curriculum(project)
    questions = sum(len(b.questions) for b in curriculum.banks.values())
    click.echo(
        say(
            "validate.ok",
            units=len(curriculum.units),
            questions=questions,
            seconds=time.perf_counter() - start,
        )
    )


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
    from generator.course.schema import stale_schemas, write_schemas

    if check:
        if stale := stale_schemas(project):
            raise KefuError(say("schema.stale", files=say("list.join").join(stale)))
        click.echo(say("schema.up_to_date"))
        return
    for path in write_schemas(project):
        click.echo(say("cli.wrote", path=path))


@main.command()
@PROJECT
@click.option("--no-strict", is_flag=True, help="Build even when the engine warns (broken links…).")
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="mkdocs (with the curriculum plugin) or zensical, Material's successor.",
)
def build(project: Path, no_strict: bool, engine: str) -> None:
    """Validate, then build the site into site/ (kept as it was if anything fails).

    \b
    Example:
      curriculum build
      curriculum build --engine zensical
    """
    from generator.site.build import build_site

    curriculum = load_curriculum(project)
    log_to_terminal()
    start = time.perf_counter()
    target = build_site(project, strict=not no_strict, engine=engine)
    seconds = time.perf_counter() - start
    units = len(curriculum.units)
    click.echo(say("build.done", units=units, engine=engine, target=target, seconds=seconds))


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
    from generator.site.serve import choose_port, serve_site

    load_curriculum(project)
    log_to_terminal(logging.INFO)
    free = choose_port(port)
    if free != port:
        click.secho(say("serve.port_busy", port=port, free=free), fg="yellow", err=True)
    serve_site(project, free)


@main.command()
@PROJECT
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def render(project: Path, out: Path) -> None:
    """Write the course as a project any engine that reads mkdocs.yml can build: OUT/docs/
    (generated pages, assets and your docs/ pages) and OUT/mkdocs.yml (yours, with the course
    navigation and assets written out and the `curriculum` plugin removed).

    \b
    Example:
      curriculum render build/zensical
      zensical build -f build/zensical/mkdocs.yml    # site in build/zensical/site/
    """
    from generator.site.standalone import write_project

    load_curriculum(project)
    config_file = write_project(project, out)
    pages = sum(1 for _ in (out / "docs").rglob("*.md"))
    click.echo(say("render.done", config=config_file, pages=pages, docs=out / "docs"))


# --- trainer tools: new, stats, lint, exam, export, report -------------------------------


def _say(text: str, err: bool = False) -> None:
    """Echo text that may hold names and titles from files anyone can edit, minus escapes."""
    click.echo(terminal_text(text), err=err)


@contextlib.contextmanager
def _writing(target: Path) -> Iterator[Path]:
    """A file that cannot be written (read-only, open in Excel…) is bad input, not a crash."""
    try:
        yield target
    except OSError as error:
        raise KefuError(
            say("cli.cannot_write", path=target, reason=error.strerror or error)
        ) from None


def _out_file(path: Path) -> Path:
    if not path.parent.is_dir():
        raise KefuError(say("cli.no_folder", folder=path.parent))
    return path


@main.group()
def new() -> None:
    """Start a unit or a question from a commented template that validates."""


@new.command("unit")
@PROJECT
@click.argument("unit_id")
@click.option("--title", required=True, help="The unit's title, as trainees see it.")
@click.option("--category", required=True, type=click.Choice(list(CATEGORIES)), help="Its topic.")
@click.option(
    "--audience",
    default="trainee",
    show_default=True,
    type=click.Choice(list(AUDIENCES)),
    help="Who it is for: trainee (学员) or trainer (培训师与店主).",
)
def new_unit(project: Path, unit_id: str, title: str, category: str, audience: str) -> None:
    """Write curriculum/units/UNIT_ID.yml and quizzes/UNIT_ID.yml with TODOs to fill in.

    Existing files are never overwritten.

    \b
    Example:
      curriculum new unit returns --title "退换货处理" --category process
    """
    from generator.tools.scaffold import new_unit as write_unit

    files = write_unit(project, unit_id, title, category, audience)
    for path in files:
        click.echo(say("cli.wrote", path=path))
    click.echo(say("scaffold.next", unit=unit_id))


@new.command("question")
@PROJECT
@click.argument("unit_id")
@click.option(
    "--type", "qtype", required=True, type=click.Choice(QUESTION_TYPES), help="The question type."
)
@click.option("--objective", help="The objective it assesses (default: the unit's first).")
def new_question(project: Path, unit_id: str, qtype: str, objective: str | None) -> None:
    """Append a commented question skeleton to quizzes/UNIT_ID.yml.

    The text is added at the end of the file; what is already there stays byte for byte.

    \b
    Example:
      curriculum new question reception --type scenario
    """
    from generator.tools.scaffold import new_question as append_question

    path, question_id = append_question(project, unit_id, qtype, objective)
    click.echo(say("scaffold.question_added", id=question_id, type=qtype, path=path))


@main.command()
@PROJECT
@click.option("--json", "as_json", is_flag=True, help="Print JSON for other programs.")
def stats(project: Path, as_json: bool) -> None:
    """Sections, reading time, objectives and questions per unit and for the course.

    Reading time counts 300 characters a minute (each Han character, English word or number
    counts as one).

    \b
    Example:
      curriculum stats
      curriculum stats --json > stats.json
    """
    import json

    from generator.locale import strings
    from generator.tools.stats import course_stats, stats_text

    numbers = course_stats(load_curriculum(project))
    if as_json:
        click.echo(json_for_terminal(json.dumps(numbers.as_json(), ensure_ascii=False, indent=2)))
    else:
        _say(stats_text(numbers, strings()["question_type"]).rstrip("\n"))


@main.command()
@PROJECT
@click.option(
    "--strict", is_flag=True, help="Report findings as errors and exit 1 if there are any."
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="github: annotations for GitHub Actions.",
)
def lint(project: Path, strict: bool, output: str) -> None:
    """Check how the questions are written (item-writing rules), beyond validation.

    Rules: key-position, longest-key, longest-key-share, all-none-above, negative-stem,
    near-duplicate-options, absolute-clue, few-options, placeholder, truefalse-balance,
    multiple-count, cue-word, fill-variant, order-hint, compliance (with the terms in
    curriculum/lint-terms.yml). See the trainer guide for each.

    \b
    Example:
      curriculum lint
      curriculum lint --strict --format github   # in CI
    """
    from generator.tools.lint import lint_project, load_terms

    curriculum = load_curriculum(project, drafts=True)  # lint reviews work in progress
    terms = load_terms(project)
    findings = lint_project(curriculum, "" if str(project) == "." else str(project), terms)
    level = "error" if strict else "warning"
    for finding in findings:
        _say(finding.github(level) if output == "github" else finding.text(level))
    files = len({f.file for f in findings})
    summary = (
        say("lint.summary-findings", findings=len(findings), files=files)
        if findings
        else say("lint.summary-clean", banks=len(curriculum.banks))
    )
    click.echo(summary, err=True)  # stdout holds findings only, for tools that read them
    if findings and strict:
        sys.exit(1)  # the findings are the message, already printed


@main.command()
@PROJECT
@click.option(
    "--units", "-u", multiple=True, help="Unit ids, comma-separated or repeated (default: all)."
)
@click.option("--count", "-n", type=int, default=20, show_default=True, help="How many questions.")
@click.option(
    "--seed",
    "-s",
    type=int,
    help="Paper number: the same seed gives the same paper (default: random).",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("exam"),
    show_default=True,
    help="Folder for exam.html and answers.html.",
)
def exam(project: Path, units: tuple[str, ...], count: int, seed: int | None, out: Path) -> None:
    """A printable paper exam (A4) and its answer key, drawn from the question banks.

    Questions are spread evenly over the units and their options shuffled. Typing drills do
    not fit on paper and are skipped. PDFs are made too when WeasyPrint is installed.

    \b
    Example:
      curriculum exam --units reception,communication --count 10 --seed 42 --out exams/week1
    """
    import secrets

    from generator.tools.exam import build_exam, write_exam

    curriculum = load_curriculum(project)
    unit_ids = [u.strip() for value in units for u in value.split(",") if u.strip()] or list(
        curriculum.units
    )
    seed = secrets.randbelow(900_000) + 100_000 if seed is None else seed
    paper = build_exam(curriculum, unit_ids, count, seed)
    if paper.skipped:
        _say(
            say(
                "exam.skipped",
                count=len(paper.skipped),
                questions=say("list.join").join(paper.skipped),
            )
        )
    with _writing(out):
        files, note = write_exam(paper, out)
    for path in files:
        click.echo(say("cli.wrote", path=path))
    if note:
        click.echo(note)
    click.echo(say("exam.done", count=paper.count, seed=seed))


@main.group()
def export() -> None:
    """Export the question banks for Moodle (GIFT), other LMSs (QTI 2.1) or Excel (CSV)."""


def _skipped_note(skipped: list[str]) -> None:
    if skipped:
        _say(say("export.skipped", count=len(skipped), questions=say("list.join").join(skipped)))


@export.command("gift")
@PROJECT
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .gift file.",
)
def export_gift(project: Path, out: Path) -> None:
    """Moodle GIFT text (Question bank > Import > GIFT format).

    \b
    Example:
      curriculum export gift --out kefu.gift
    """
    from generator.tools.export.gift import to_gift

    text, skipped = to_gift(load_curriculum(project))
    with _writing(_out_file(out)) as target:
        target.write_text(text, encoding="utf-8")
    _skipped_note(skipped)
    click.echo(say("cli.wrote", path=out))


@export.command("qti")
@PROJECT
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .zip package.",
)
def export_qti(project: Path, out: Path) -> None:
    """An IMS QTI 2.1 package: one item per question and imsmanifest.xml, zipped.

    \b
    Example:
      curriculum export qti --out kefu-qti.zip
    """
    from generator.tools.export.qti import write_qti

    curriculum = load_curriculum(project)
    with _writing(_out_file(out)) as target:
        count, skipped = write_qti(curriculum, target)
    _skipped_note(skipped)
    click.echo(say("export.wrote_items", path=out, count=count))


@export.command("csv")
@PROJECT
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .csv file.",
)
def export_csv(project: Path, out: Path) -> None:
    """One row per question (UTF-8 with BOM, so Excel shows Chinese correctly).

    \b
    Example:
      curriculum export csv --out questions.csv
    """
    from generator.tools.export.csv_export import write_csv

    curriculum = load_curriculum(project)
    with _writing(_out_file(out)) as target:
        count = write_csv(curriculum, target)
    click.echo(say("export.wrote_questions", path=out, count=count))


def _verify_certificate(curriculum: Curriculum, read: list[ResultsFile], code: str) -> None:
    from generator.tools.certificate import verify

    found = verify(curriculum.course, read, code)
    for c in found:
        _say(
            say(
                "report.verified",
                trainee=one_line(c.results.trainee),
                track=c.track.title,
                path=c.results.path,
                exported=one_line(c.results.exported_at),
            )
        )
    if not found:
        raise KefuError(say("report.not_verified", code=one_line(code)))


@main.command()
@PROJECT
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the report as HTML.",
)
@click.option(
    "--csv",
    "csv_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the table as CSV (Excel).",
)
@click.option(
    "--verify",
    "code",
    metavar="CODE",
    help="Check a 结业证明's code against the files instead: which trainee and track it is.",
)
def report(
    project: Path,
    files: tuple[Path, ...],
    html_out: Path | None,
    csv_out: Path | None,
    code: str | None = None,
) -> None:
    """A class report from the results files trainees download on the 学习进度 page.

    FILES are results files or folders holding them. A bad or foreign file is named on
    stderr and left out; the report of the other files is still printed and written, and the
    exit code is then 1, so a script notices that the report is incomplete. Hidden files in
    a folder (editor locks and backups) are passed over.

    \b
    Example:
      curriculum report results/*.json --html class.html --csv class.csv
      curriculum report results --verify 3F2A-91C0
    """
    from generator.tools.report import (
        build_report,
        read_all,
        report_text,
        results_paths,
        write_csv,
        write_html,
    )

    curriculum = load_curriculum(project)
    paths = results_paths(files)
    read, refused = read_all(paths, curriculum.course.id)
    for line in refused:
        _say(line, err=True)
    if not read:
        raise KefuError(say("report.none_read"))
    if code is not None:
        _verify_certificate(curriculum, read, code)
        return
    class_report = build_report(curriculum, read)
    for warning in class_report.warnings:
        _say(warning, err=True)
    _say(report_text(class_report).rstrip("\n"))
    if html_out:
        with _writing(_out_file(html_out)) as target:
            write_html(class_report, target)
        _say(say("cli.wrote", path=html_out))
    if csv_out:
        with _writing(_out_file(csv_out)) as target:
            write_csv(class_report, target)
        _say(say("cli.wrote", path=csv_out))
    if refused:
        raise KefuError(
            say("report.incomplete", refused=len(refused), total=len(paths), read=len(read))
        )
