"""Chinese copywriting conventions in every text a trainee reads (autocorrect-py).

A space between Chinese and Latin letters or digits, full-width punctuation in Chinese
sentences. Each YAML string is linted as Markdown, so code spans and URLs are left alone.
"""

from __future__ import annotations

import re
from pathlib import Path

import autocorrect_py
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted([*ROOT.glob("curriculum/**/*.yml"), *ROOT.glob("quizzes/*.yml")])


def _strings(data, path=""):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, f"{path}[{i}]")


# A fill question's accepted answers are what trainees type (7天 as well as 7 天), not prose.
TYPED = re.compile(r"questions\[\d+\]\.answer\[\d+\]$")


def findings(file: Path) -> list[str]:
    data = yaml.safe_load(file.read_text(encoding="utf-8-sig"))
    found = []
    for path, text in _strings(data):
        if TYPED.search(path):
            continue
        for line in autocorrect_py.lint_for(text, "text.md").lines:
            found.append(f"{file.relative_to(ROOT)}: {path}: {line.old!r} -> {line.new!r}")
    return found


@pytest.mark.parametrize("file", FILES, ids=lambda f: str(f.relative_to(ROOT)))
def test_typography(file: Path) -> None:
    assert not findings(file), "\n" + "\n".join(findings(file))


def test_the_linter_catches_a_missing_space() -> None:
    assert autocorrect_py.lint_for("首次响应在30秒以内", "text.md").lines
