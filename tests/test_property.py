"""Random damage to a valid course gives a valid course or a clean list of problems, never a crash."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.course.load import load_curriculum
from generator.course.problems import MAX_MESSAGE, ProblemsFound

pytestmark = pytest.mark.slow  # hundreds of generated courses loaded from disk

MINI = Path(__file__).parent / "fixtures" / "mini"
FILES = [
    "curriculum/course.yml",
    "curriculum/units/alpha.yml",
    "curriculum/units/beta.yml",
    "quizzes/alpha.yml",
    "quizzes/beta.yml",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 500),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["a", "b", "true", "single", "obj-one", "____"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths(value, (*prefix, i))


def mutate(data, path, action, value):
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(parent[last])
    return data


def check(project: Path) -> None:
    try:
        load_curriculum(project)
    except ProblemsFound as found:
        assert found.problems
        for problem in found.problems:
            assert (
                problem.file in FILES
                and problem.line >= 1
                and problem.column >= 1
                and problem.message
            )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One copy of the mini course per module; each example damages one file and puts it back."""
    copy = tmp_path_factory.mktemp("damaged") / "p"
    shutil.copytree(MINI, copy)
    return copy


@contextlib.contextmanager
def damaged(project: Path, file: str, content: bytes):
    original = (MINI / file).read_bytes()
    (project / file).write_bytes(content)
    try:
        yield
    finally:
        (project / file).write_bytes(original)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    file=st.sampled_from(FILES),
    data=st.data(),
    action=st.sampled_from(["delete", "replace", "duplicate"]),
    value=values,
)
def test_structural_mutations(project, file, data, action, value):
    content = yaml.safe_load((MINI / file).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(list(paths(content))))
    content = mutate(content, path, action, value)
    with damaged(project, file, yaml.safe_dump(content, allow_unicode=True).encode("utf-8")):
        check(project)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=st.sampled_from(FILES), data=st.data(), junk=st.binary(max_size=8))
def test_byte_level_damage(project, file, data, junk):
    raw = (MINI / file).read_bytes()
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, min(len(raw), start + 20)))
    with damaged(project, file, raw[:start] + junk + raw[end:]):
        check(project)


# --- YAML-token damage to the shipped course ----------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
UNIT_IDS = sorted(p.stem for p in (ROOT / "curriculum/units").glob("*.yml"))
TOKENS = [
    # tags, PyYAML's and foreign ones
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!timestamp ",
    "!!null ",
    "!!str ",
    "!!binary ",
    "!!map ",
    "!!seq ",
    "!!set ",
    "!!omap ",
    "!!python/object/apply:os.system ",
    "!!python/name:os.system ",
    "!foo ",
    "!<tag:yaml.org,2002:int> ",
    "%TAG !x! tag:yaml.org,2002:\n---\n",
    # anchors and aliases
    "&a ",
    "*a",
    "&a [*a]",
    "&a {x: *a}",
    "*nowhere",
    "<<: *a\n",
    "&a x\n",
    "*a: x\n",
    # structure
    "[",
    "]",
    "{",
    "}",
    ", ",
    "? ",
    ": ",
    "- ",
    "---\n",
    "...\n",
    "|",
    ">-",
    "#",
    "'",
    '"',
    "\\",
    "\n",
    "  ",
    "[" * 600,
    "- " * 600,
    "{a: " * 600,
    "  - " * 60 + "x\n",
    # scalars YAML reads as something other than text
    "~",
    "null",
    "yes",
    "2001-13-45",
    "2001-02-30",
    "9" * 5000,
    "0x_",
    "._",
    "=",
    "<<",
    ".nan",
    "1e999",
    # characters
    "\x00",
    "\t",
    "\r",
    "\x85",
    "\u2028",
    "\ufeff",
    "\x1b[31m",
    "：",
    "，",
    "“",
    "”",
    "－",
    "\u3000",
    "x" * 5000,
]


@pytest.fixture(scope="module")
def one_unit_projects(tmp_path_factory) -> Path:
    """A project per shipped unit: its unit file, its bank, and a course with one track of it."""
    course = (ROOT / "curriculum/course.yml").read_text(encoding="utf-8").split("\ntracks:")[0]
    base = tmp_path_factory.mktemp("shipped")
    for unit_id in UNIT_IDS:
        project = base / unit_id
        (project / "curriculum/units").mkdir(parents=True)
        (project / "quizzes").mkdir()
        track = f"\ntracks:\n  - id: all\n    title: 全部\n    audience: trainee\n    units: [{unit_id}]\n"
        (project / "curriculum/course.yml").write_text(course + track, encoding="utf-8")
        for folder in ("curriculum/units", "quizzes"):
            shutil.copy(ROOT / folder / f"{unit_id}.yml", project / folder)
    return base


def starts(text: str) -> list[int]:
    """Offsets where a token changes the structure: line starts and where values begin."""
    found = {0, len(text)}
    for mark in ("\n", ": ", "- "):
        at = text.find(mark)
        while at >= 0:
            found.add(at + len(mark))
            at = text.find(mark, at + 1)
    return sorted(found)


def damage(text: str, data) -> str:
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        at = data.draw(st.sampled_from(starts(text)) | st.integers(0, len(text)), label="at")
        token = "".join(
            data.draw(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=3), label="tokens")
        )
        end = data.draw(
            st.sampled_from([at, text.find("\n", at) if "\n" in text[at:] else len(text)]),
            label="replace up to",
        )
        text = text[:at] + token + text[end:]
    return text


def line_lengths(raw: bytes) -> list[int]:
    """Characters per line, counting lines as LibYAML does."""
    text = raw.decode("utf-8-sig", errors="replace")
    return [len(line) for line in re.split("\r\n|[\r\n\x85\u2028\u2029]", text)]


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    unit_id=st.sampled_from(UNIT_IDS),
    which=st.sampled_from(["course", "unit", "bank"]),
    data=st.data(),
)
def test_yaml_token_damage_to_shipped_files(one_unit_projects, unit_id, which, data):
    project = one_unit_projects / unit_id
    relative = {
        "course": "curriculum/course.yml",
        "unit": f"curriculum/units/{unit_id}.yml",
        "bank": f"quizzes/{unit_id}.yml",
    }[which]
    original = (project / relative).read_bytes()
    damaged = damage(original.decode("utf-8"), data).encode("utf-8")
    (project / relative).write_bytes(damaged)
    try:
        load_curriculum(project)
    except ProblemsFound as found:
        assert found.problems
        for problem in found.problems:
            lengths = line_lengths(
                damaged if problem.file == relative else (project / problem.file).read_bytes()
            )
            assert problem.file in {
                "curriculum/course.yml",
                f"curriculum/units/{unit_id}.yml",
                f"quizzes/{unit_id}.yml",
            }, problem
            assert 1 <= problem.line <= len(lengths), problem
            assert 1 <= problem.column <= lengths[problem.line - 1] + 1, problem
            assert problem.message and len(problem.message) <= MAX_MESSAGE, problem
    finally:
        (project / relative).write_bytes(original)
