"""The committed JSON Schemas match the models, and every YAML file points editors at them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.course import results
from generator.course.schema import SCHEMA_DIR, schema_texts

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_OF = {
    "curriculum/course.yml": "../schema/course.schema.json",
    "curriculum/lint-terms.yml": "../schema/lint-terms.schema.json",
}
YAML_FILES = sorted([*ROOT.glob("curriculum/**/*.yml"), *ROOT.glob("quizzes/*.yml")])


def test_committed_schemas_are_current():
    for name, text in schema_texts().items():
        committed = (ROOT / SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert committed == text, f"{SCHEMA_DIR}/{name} is stale: run `curriculum schema`"


def expected_schema_line(relative: str) -> str:
    if relative in SCHEMA_OF:
        target = SCHEMA_OF[relative]
    elif relative.startswith("curriculum/units/"):
        target = "../../schema/unit.schema.json"
    else:
        target = "../schema/quiz.schema.json"
    return f"# yaml-language-server: $schema={target}"


@pytest.mark.parametrize("file", YAML_FILES, ids=lambda f: str(f.relative_to(ROOT)))
def test_yaml_files_start_with_the_schema_line(file):
    relative = str(file.relative_to(ROOT))
    first_line = file.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == expected_schema_line(relative)
    assert (file.parent / first_line.split("=", 1)[1]).resolve().is_file()


def test_schema_accepts_both_option_forms_and_describes_fields():
    quiz = json.loads(schema_texts()["quiz.schema.json"])
    options = quiz["$defs"]["SingleQuestion"]["properties"]["options"]
    assert options["patternProperties"]["^[A-Za-z0-9]+$"] == {"$ref": "#/$defs/Option"}
    forms = quiz["$defs"]["Option"]["anyOf"]
    assert forms[0] == {"type": "string", "minLength": 1} and set(forms[1]["properties"]) == {
        "text",
        "feedback",
    }
    assert (
        "every one is assessed"
        in json.loads(schema_texts()["unit.schema.json"])["properties"]["objectives"]["description"]
    )
    assert set(quiz["properties"]["questions"]["items"]["discriminator"]["mapping"]) == {
        "single",
        "multiple",
        "truefalse",
        "fill",
        "order",
        "scenario",
        "typing",
    }


def test_the_documented_results_file_fits_the_results_schema():
    guide = (ROOT / "docs/guide/tools.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", guide, re.S).group(1))
    assert results.Results.model_validate(example).units[0].missed == ["fast-reply-why"]
    schema = json.loads(schema_texts()["results.schema.json"])
    assert set(schema["required"]) == {
        "format",
        "version",
        "course",
        "trainee",
        "exported_at",
        "units",
    }
    assert set(example) == set(schema["properties"])
