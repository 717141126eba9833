"""结业证明 codes: the same in Python as in quiz.js (tests/browser/test_certificate.py makes
one in the browser and verifies it here), and `curriculum report --verify` names the trainee
and track a code belongs to."""

from pathlib import Path

import pytest

from generator.tools.certificate import certificate_code

from .helpers import run
from .test_report import results, unit, write

# The code of 张三 passing both units of the mini course's track 基础路径 (basics).
ZHANG = "mini-course|basics|张三|alpha:3:4:2026-11-22|beta:3:3:2026-11-22"


def test_code_is_fnv1a_over_utf16_as_xxxx_dash_xxxx():
    assert certificate_code("") == "811C-9DC5"  # FNV-1a's offset basis: nothing mixed in
    assert certificate_code("a") == "E40C-292C"  # the published FNV-1a 32-bit value of "a"
    assert certificate_code("😀") != certificate_code("😁")  # surrogate pairs count


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "results"
    folder.mkdir()
    write(
        folder,
        "zhang.json",
        results("张三", [unit("alpha", 3, 4, passed=True), unit("beta", 3, 3, passed=True)]),
    )
    write(
        folder,
        "li.json",
        results("李四", [unit("alpha", 4, 4, passed=True), unit("beta", 2, 3, passed=False)]),
    )
    return folder


def test_verify_names_the_trainee_and_track(mini_project: Path, folder: Path):
    code = certificate_code(ZHANG)
    for written in (code, code.lower().replace("-", "")):
        result = run(mini_project, "report", str(folder), "--verify", written)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("核验通过：张三 · 基础路径（")
        assert "zhang.json" in result.stdout and "李四" not in result.stdout


@pytest.mark.parametrize(
    "changed",
    [
        ZHANG.replace("张三", "李四"),  # another name
        ZHANG.replace("alpha:3:4", "alpha:4:4"),  # another score
        ZHANG.replace("2026-11-22|beta", "2026-11-21|beta"),  # another date
    ],
)
def test_a_code_of_other_figures_is_refused(mini_project: Path, folder: Path, changed: str):
    result = run(mini_project, "report", str(folder), "--verify", certificate_code(changed))
    assert result.exit_code == 1
    assert "核验未通过" in result.stderr and result.stdout == ""


def test_no_certificate_while_a_unit_is_not_passed(mini_project: Path, folder: Path):
    li = "mini-course|basics|李四|alpha:4:4:2026-11-22|beta:2:3:2026-11-22"
    assert run(mini_project, "report", str(folder), "--verify", certificate_code(li)).exit_code == 1
