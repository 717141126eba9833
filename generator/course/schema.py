"""JSON Schemas generated from the models, for editors (VS Code's YAML extension) and tools:
the trainers' YAML files, and the results files trainees download."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.course import model, results, terms

SCHEMA_DIR = "schema"
SCHEMAS: dict[str, type[BaseModel]] = {
    "course.schema.json": model.Course,
    "unit.schema.json": model.Unit,
    "quiz.schema.json": model.QuizBank,
    "results.schema.json": results.Results,
    "lint-terms.schema.json": terms.LintTerms,
}


def schema_texts() -> dict[str, str]:
    """File name -> the schema as committed (stable key order, trailing newline)."""
    texts = {}
    for name, cls in SCHEMAS.items():
        schema = cls.model_json_schema()
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        texts[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return texts


def stale_schemas(root: Path) -> list[str]:
    """Names of committed schemas that differ from what the models give today."""
    folder = Path(root) / SCHEMA_DIR
    return [
        name
        for name, text in schema_texts().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def write_schemas(root: Path) -> list[Path]:
    folder = Path(root) / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
