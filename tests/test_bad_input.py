"""Hostile or broken input, as an attacker or a clumsy trainer writes it: each case is one
exact file:line:column message (character columns, the true line), never a crash or a hang."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from generator.course import yaml_source
from generator.course.load import load_curriculum
from generator.course.problems import MAX_MESSAGE, Problem, ProblemsFound
from generator.course.yaml_source import MAX_BYTES, read_yaml

pytestmark = pytest.mark.usefixtures("english")  # about robustness, not wording

UNIT = "curriculum/units/alpha.yml"
COURSE = "curriculum/course.yml"
ROOT = Path(__file__).resolve().parents[1]


def problems_of(project: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_curriculum(project)
    return [str(p) for p in caught.value.problems]


def edit(project: Path, old: str, new: str, relative: str = UNIT) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(project: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """`curriculum validate` in its own process: a segfault or a hang cannot take pytest down."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", "-p", str(project)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --- tags and values YAML cannot construct ------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "value"),
    [
        ("!!int", "ten"),
        ("!!float", "abc"),
        ("!!bool", "maybe"),
        ("!!timestamp", "soon"),
        ("!!int", "10"),
        ("!!binary", "aGk="),
    ],
)
def test_explicit_tags_are_refused(mini_project, tag, value):
    edit(mini_project, "duration_minutes: 10", f"duration_minutes: {tag} {value}")
    assert problems_of(mini_project) == [
        (
            f"{UNIT}:6:19: duration_minutes: the tag '{tag}' is not allowed; course files hold plain text, "
            f"numbers, lists and mappings only: remove '{tag}' (and put the value in quotes if it is text)"
        )
    ]


def test_str_tag_is_allowed(mini_project):
    edit(mini_project, "title: 单元甲", "title: !!str 单元甲")
    assert load_curriculum(mini_project).units["alpha"].title == "单元甲"


def test_tag_on_a_key_is_refused(mini_project):
    edit(mini_project, "title: 单元甲", "!!int title: 单元甲")
    assert problems_of(mini_project) == [
        (
            f"{UNIT}:2:1: the tag '!!int' is not allowed; course files hold plain text, numbers, lists and "
            "mappings only: remove '!!int' (and put the value in quotes if it is text)"
        )
    ]


@pytest.mark.parametrize(
    ("value", "shown", "kind"),
    [
        ("2001-13-45", "2001-13-45", "a date"),
        (
            "9" * 5000,
            "9" * 40 + "…",
            "a whole number",
        ),  # Python refuses ints of more than 4,300 digits
        ("0b_", "0b_", "a whole number"),
    ],
)
def test_plain_values_yaml_cannot_construct(mini_project, value, shown, kind):
    edit(mini_project, "duration_minutes: 10", f"duration_minutes: {value}")
    assert problems_of(mini_project) == [
        (
            f"{UNIT}:6:19: duration_minutes: '{shown}' cannot be read as {kind}; correct it, or put it in "
            "quotes if it is text"
        )
    ]


def test_not_a_number_is_named(mini_project):
    edit(mini_project, "duration_minutes: 10", "duration_minutes: .nan")
    assert problems_of(mini_project) == [
        f"{UNIT}:6:19: duration_minutes: expected a number such as 0.8, not nan"
    ]


def test_equals_and_merge_signs_are_text(mini_project):
    edit(mini_project, "  - 要点一", "  - 要点一\n  - =\n  - <<")
    assert load_curriculum(mini_project).units["alpha"].key_points == ["要点一", "=", "<<"]


def test_a_key_is_the_word_written(mini_project):
    edit(mini_project, "title: 单元甲", "title: 单元甲\nyes: 是")
    assert problems_of(mini_project) == [
        f"{UNIT}:3:1: yes: unknown field 'yes'; fix the spelling or remove it"
    ]


def test_a_field_of_another_file_is_not_suggested_as_its_own_spelling(mini_project):
    edit(mini_project, "title: 单元甲", "title: 单元甲\nunit: alpha")
    assert problems_of(mini_project) == [
        f"{UNIT}:3:1: unit: unknown field 'unit'; did you mean 'units'? fix the spelling or remove it"
    ]


def test_null_key_is_reported_where_it_is(mini_project):
    edit(mini_project, "    text: 目标一", "    text: 目标一\n    ~: x")
    assert problems_of(mini_project) == [
        (
            f"{UNIT}:10:5: objective 1: the key is empty (nothing, '~' or 'null' before the colon); "
            "write the field name"
        )
    ]


# --- nesting and aliases ------------------------------------------------------------------

DEPTH_MESSAGE = (
    "the values here are nested more than 50 levels deep; course files need only a few levels: "
    "look for brackets [ { that are never closed or a run of list dashes '- - -'"
)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("title: 单元甲", "title: " + "[" * 500 + "]" * 500, "2:57"),
        (
            "title: 单元甲",
            "title: " + "{a: " * 500 + "1" + "}" * 500,
            "2:201",
        ),  # a key is a level too
        ("  - 要点一", "  - " + "- " * 500 + "x", "17:101"),
    ],
    ids=["flow lists", "flow mappings", "list dashes"],
)
def test_deep_nesting_is_refused(mini_project, old, new, where):
    edit(mini_project, old, new)
    assert problems_of(mini_project) == [f"{UNIT}:{where}: {DEPTH_MESSAGE}"]


def test_nesting_stacked_through_aliases_is_refused(mini_project):
    chain = "".join(
        f"  - &a{i} " + "[" * 10 + (f"*a{i - 1}" if i else "x") + "]" * 10 + "\n" for i in range(8)
    )
    edit(mini_project, "key_points:\n  - 要点一\n", "key_points:\n" + chain)
    assert problems_of(mini_project) == [f"{UNIT}:17:17: {DEPTH_MESSAGE}"]  # inside &a0


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["[", "- "])
def test_forty_thousand_levels_do_not_crash_validate(mini_project, shape):
    """PyYAML's C composer segfaults (exit 139) here; the bound must hold before it runs."""
    levels = (
        "sections: " + "[" * 40_000 + "]" * 40_000
        if shape == "["
        else "sections:\n" + "- " * 40_000 + "x"
    )
    (mini_project / UNIT).write_text("id: alpha\n" + levels + "\n", encoding="utf-8")
    result = validate(mini_project)
    where = "2:60" if shape == "[" else "3:99"
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"{UNIT}:{where}: {DEPTH_MESSAGE}\n"), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("value", "column"), [("&a [*a]", 12), ("&a {x: *a}", 15)])
def test_alias_inside_its_own_anchor(mini_project, value, column):
    edit(mini_project, "title: 单元甲", f"title: {value}")
    assert problems_of(mini_project) == [
        (
            f"{UNIT}:2:{column}: the alias *a is inside its own anchor &a, so it would repeat forever; "
            "write the content out instead"
        )
    ]


def test_undefined_alias_and_anchor_defined_twice(mini_project):
    edit(mini_project, "title: 单元甲", "title: *nowhere")
    assert problems_of(mini_project) == [
        f"{UNIT}:2:8: found undefined alias 'nowhere'; define the anchor (&nowhere) before using *nowhere"
    ]
    edit(mini_project, "title: *nowhere", "title: &t 甲\nsummary: &t 乙")
    assert problems_of(mini_project) == [
        f"{UNIT}:3:10: the anchor &t is defined twice (first on line 2); rename one of them"
    ]


def test_aliases_that_repeat_too_much_are_an_alias_bomb(mini_project):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (mini_project / UNIT).write_text("\n".join(lines) + "\n", encoding="utf-8")
    # a1..a3 repeat 90 + 819 + 7,380 values; the first *a3 of a4 passes 10,000
    assert problems_of(mini_project) == [
        (
            f'{UNIT}:5:10: aliases (*name) repeat more than 10,000 values (an "alias bomb"); write the '
            "content out instead of repeating it with anchors"
        )
    ]


def test_a_large_file_without_aliases_is_no_alias_bomb(tmp_path):
    path = tmp_path / "big.yml"
    path.write_text("key_points: [" + ", ".join(["k"] * 30_000) + "]\n", encoding="utf-8")
    data, _ = read_yaml(path, "big.yml")
    assert len(data["key_points"]) == 30_000


def test_size_limit_has_its_own_message(mini_project):
    path = mini_project / UNIT
    text = path.read_text(encoding="utf-8")
    padding = MAX_BYTES - len(text.encode("utf-8")) - 2
    path.write_text(text + "#" + "x" * padding + "\n", encoding="utf-8")
    assert path.stat().st_size == MAX_BYTES
    load_curriculum(mini_project)  # at the limit: fine
    path.write_text(text + "#" + "x" * (padding + 1) + "\n", encoding="utf-8")
    assert problems_of(mini_project) == [
        (
            f"{UNIT}:1:1: the file is larger than 1000 KB, the limit for one course file (far more "
            "than any unit needs); split it into smaller units"
        )
    ]


def test_size_limit_is_generous():
    largest = max(
        p.stat().st_size
        for folder in ("curriculum/units", "quizzes")
        for p in (ROOT / folder).glob("*.yml")
    )
    assert 20 * largest <= MAX_BYTES


# --- what is in the folders ---------------------------------------------------------------


def test_folder_named_like_a_unit(mini_project):
    (mini_project / "curriculum/units/gamma.yml").mkdir()
    assert problems_of(mini_project) == [
        (
            "curriculum/units/gamma.yml:1:1: this is a folder, not a file; rename the folder so that its name "
            "does not end in .yml"
        )
    ]


def test_folder_named_like_the_course_file(mini_project):
    (mini_project / COURSE).unlink()
    (mini_project / COURSE).mkdir()
    assert problems_of(mini_project) == [
        f"{COURSE}:1:1: this is a folder, not a file; rename the folder so that its name does not end in .yml"
    ]


def test_dangling_link(mini_project):
    (mini_project / "curriculum/units/gamma.yml").symlink_to("gone.yml")
    assert problems_of(mini_project) == [
        (
            "curriculum/units/gamma.yml:1:1: this is a link to a file that does not exist; delete the link "
            "or put the file back"
        )
    ]


def test_editor_debris_is_skipped(mini_project):
    units = mini_project / "curriculum/units"
    (units / ".#alpha.yml").symlink_to("root@host.4242:1700000000")  # Emacs' lock: a dangling link
    (units / ".alpha.yml").write_text("[broken", encoding="utf-8")
    (mini_project / "quizzes/.#beta.yml").symlink_to("root@host.4242:1700000000")
    assert list(load_curriculum(mini_project).units) == ["alpha", "beta"]


def test_link_loop(mini_project):
    quizzes = mini_project / "quizzes"
    (quizzes / "loop1.yml").symlink_to("loop2.yml")
    (quizzes / "loop2.yml").symlink_to("loop1.yml")
    message = "1:1: this is a link that leads back to itself (a link loop); delete it"
    assert problems_of(mini_project) == [
        f"quizzes/loop1.yml:{message}",
        f"quizzes/loop2.yml:{message}",
    ]


def test_unreadable_file_is_named(mini_project, monkeypatch):
    real_open = os.open

    def refusing_open(path, *args, **kwargs):
        if str(path).endswith(UNIT):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(yaml_source.os, "open", refusing_open)
    assert problems_of(mini_project) == [
        f"{UNIT}:1:1: the file cannot be read (permission denied); give your user read access to it"
    ]


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="root reads a file whatever its mode; "
    "test_unreadable_file_is_named fakes the refusal instead",
)
def test_chmod_000_file_is_named(mini_project):
    (mini_project / UNIT).chmod(0)
    assert problems_of(mini_project) == [
        f"{UNIT}:1:1: the file cannot be read (permission denied); give your user read access to it"
    ]


def test_fifo_is_never_opened(mini_project):
    """Opening a FIFO waits for a writer forever, so this runs in its own process with a timeout."""
    os.mkfifo(mini_project / "quizzes/gamma.yml")
    result = validate(mini_project, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(
        "quizzes/gamma.yml:1:1: this is a named pipe (FIFO), not a text file, and is never read; "
        "delete it or move it out of the folder\n"
    ), result.stderr


def test_device_file_is_never_opened(mini_project):
    try:
        os.mknod(
            mini_project / "curriculum/units/gamma.yml", stat.S_IFCHR | 0o666, os.makedev(1, 5)
        )
    except PermissionError:
        pytest.skip("creating a device file needs root")
    assert problems_of(mini_project) == [
        (
            "curriculum/units/gamma.yml:1:1: this is a device, not a text file, and is never read; delete it "
            "or move it out of the folder"
        )
    ]


@pytest.mark.parametrize("target", ["secret.txt", "elsewhere/alpha.yml"])
def test_link_out_of_the_project_is_not_read(mini_project, tmp_path, target):
    outside = tmp_path / target
    outside.parent.mkdir(exist_ok=True)
    outside.write_text("password: hunter2\n" * 50, encoding="utf-8")
    (mini_project / "curriculum/units/gamma.yml").symlink_to(outside)
    problems = problems_of(mini_project)
    assert problems == [
        (
            "curriculum/units/gamma.yml:1:1: this is a link to a file outside the project, which is never "
            "read; copy the file into the project instead of linking to it"
        )
    ]
    assert "hunter2" not in "".join(problems)


def test_link_inside_the_project_is_read(mini_project):
    (mini_project / "shared").mkdir()
    (mini_project / UNIT).rename(mini_project / "shared/alpha.yml")
    (mini_project / UNIT).symlink_to("../../shared/alpha.yml")
    assert load_curriculum(mini_project).units["alpha"].title == "单元甲"


# --- positions and what a message may quote ---------------------------------------------------


def test_nul_byte_at_its_character_column(mini_project):
    edit(mini_project, "正文，**加粗**。", "正文，**加\x00粗**。")
    assert problems_of(mini_project) == [
        (
            f"{UNIT}:15:13: an invisible control character (U+0000) is here, which YAML does not allow; "
            "delete it (it often comes from text copied out of another program)"
        )
    ]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_invalid_utf8_at_its_character_column(mini_project, bom):
    path = mini_project / UNIT
    raw = path.read_bytes()
    path.write_bytes(bom + raw.replace("加粗".encode(), "加".encode() + b"\xff", 1))
    (problem,) = problems_of(mini_project)
    assert problem.startswith(f"{UNIT}:15:13: the file is not UTF-8")
    path.write_bytes(bom + raw.replace(b"id: alpha", b"id: al\xffpha", 1))
    (problem,) = problems_of(mini_project)
    assert problem.startswith(f"{UNIT}:1:7: the file is not UTF-8")


def test_syntax_error_at_its_character_column(mini_project):
    edit(mini_project, "title: 单元甲", "title: 单元甲: 乙")
    (problem,) = problems_of(mini_project)
    assert problem.startswith(f"{UNIT}:2:11: YAML syntax error: a colon is not allowed here.")


def test_syntax_error_at_the_end_points_into_the_file(mini_project):
    (mini_project / UNIT).write_text("id: alpha\n!!int ", encoding="utf-8")  # LibYAML says line 3
    (problem,) = problems_of(mini_project)
    assert problem.startswith(f"{UNIT}:2:1: YAML syntax error: a field needs a colon")


def test_second_document(mini_project):
    (mini_project / UNIT).write_text(
        (mini_project / UNIT).read_text(encoding="utf-8") + "---\nid: beta\n", encoding="utf-8"
    )
    assert problems_of(mini_project) == [
        f"{UNIT}:24:1: the file holds more than one document ('---'); keep one per file"
    ]


def test_a_message_quotes_only_an_excerpt(mini_project):
    edit(mini_project, "duration_minutes: 10", "duration_minutes: " + "长" * 2000)
    edit(mini_project, "title: 单元甲", "title: 单元甲\n" + "k" * 300 + ": x")
    assert problems_of(mini_project) == [
        f"{UNIT}:3:1: {'k' * 40}…: unknown field '{'k' * 40}…'; fix the spelling or remove it",
        f"{UNIT}:7:19: duration_minutes: expected a whole number, not '{'长' * 39}…",
    ]


def test_no_message_is_longer_than_the_limit():
    assert len(Problem("f.yml", 1, 1, "", "x" * 5000).message) == MAX_MESSAGE + 1  # the "…"
