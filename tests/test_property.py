"""Random damage to a valid course gives a valid course or a clean list of problems, never a crash."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import load_curriculum
from generator.problems import ProblemsFound

MINI = Path(__file__).parent / "fixtures" / "mini"
FILES = ["curriculum/course.yml", "curriculum/units/alpha.yml", "curriculum/units/beta.yml",
         "quizzes/alpha.yml", "quizzes/beta.yml"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 500), st.floats(allow_nan=False),
                    st.text(max_size=12), st.sampled_from(["a", "b", "true", "single", "obj-one", "____"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                      max_leaves=6)


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
            assert problem.file in FILES and problem.line >= 1 and problem.column >= 1 and problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=st.sampled_from(FILES), data=st.data(),
       action=st.sampled_from(["delete", "replace", "duplicate"]), value=values)
def test_structural_mutations(file, data, action, value):
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(MINI, project)
        content = yaml.safe_load((project / file).read_text(encoding="utf-8"))
        path = data.draw(st.sampled_from(list(paths(content))))
        content = mutate(content, path, action, value)
        (project / file).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        check(project)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=st.sampled_from(FILES), data=st.data(), junk=st.binary(max_size=8))
def test_byte_level_damage(file, data, junk):
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(MINI, project)
        raw = (project / file).read_bytes()
        start = data.draw(st.integers(0, len(raw)))
        end = data.draw(st.integers(start, min(len(raw), start + 20)))
        (project / file).write_bytes(raw[:start] + junk + raw[end:])
        check(project)
