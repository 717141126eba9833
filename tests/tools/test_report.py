import csv
import json
from pathlib import Path

import pytest

from .helpers import run


def results(trainee: str, units: list[dict], **overrides) -> dict:
    data = {
        "format": "kefu-academy-results",
        "version": 1,
        "course": "mini-course",
        "trainee": trainee,
        "exported_at": "2026-11-23T09:30:00.000Z",
        "units": units,
    }
    return {**data, **overrides}


def unit(unit_id: str, score: int, total: int, passed: bool, missed=(), date="2026-11-22") -> dict:
    return {
        "unit": unit_id,
        "title": "标题",
        "score": score,
        "total": total,
        "passed": passed,
        "date": date,
        "missed": list(missed),
    }


def write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_text(
        data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8"
    )
    return path


@pytest.fixture
def class_results(tmp_path: Path) -> Path:
    folder = tmp_path / "results"
    folder.mkdir()
    write(
        folder,
        "zhang.json",
        results(
            "张三",
            [
                unit("alpha", 3, 4, True, ["blank"]),
                unit("beta", 1, 3, False, ["sequence", "role-play"]),
            ],
        ),
    )
    write(
        folder,
        "li.json",
        results("李四", [unit("alpha", 1, 4, False, ["blank", "pick-many", "gone"])]),
    )
    write(
        folder,
        "wang-old.json",
        results("王五", [unit("alpha", 4, 4, True)], exported_at="2026-11-20T00:00:00Z"),
    )
    write(
        folder,
        "wang-new.json",
        results("王五", [unit("alpha", 2, 4, False, ["blank"], date="2026-11-23")]),
    )
    return folder


def test_class_table_pass_rates_and_most_missed(
    mini_project: Path, class_results: Path, tmp_path: Path
):
    result = run(
        mini_project,
        "report",
        *map(str, sorted(class_results.glob("*.json"))),
        "--html",
        str(tmp_path / "class.html"),
        "--csv",
        str(tmp_path / "class.csv"),
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.strip()}
    assert rows["张三"][1:] == ["3/4", "✓", "1/3", "1"]
    assert rows["李四"][1:] == ["1/4", "–", "0"]
    assert rows["王五"][1:] == ["4/4", "✓", "–", "1"]  # best of two files
    assert rows["通过率"][1:] == ["2/3", "67%", "0/3", "0%"]
    missed = [
        line.split()
        for line in result.stdout.split("最常答错的题")[1].splitlines()[3:]
        if not line.startswith("已写入 ")
    ]
    assert missed[0] == [
        "alpha",
        "blank",
        "3",
        "常见打字速度是每分钟",
        "____",
        "字。",
    ]  # 王五's latest file counts
    assert ["alpha", "gone", "1", "（题库里已没有这道题）"] in missed
    assert len(missed) == 5
    with open(tmp_path / "class.csv", encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file))
    assert table[0] == ["学员", "alpha 单元甲", "beta 单元乙", "通过单元"]
    assert table[1:] == [
        ["张三", "3/4 ✓", "1/3", "1"],
        ["李四", "1/4", "–", "0"],
        ["王五", "4/4 ✓", "–", "1"],
        ["通过率", "2/3 67%", "0/3 0%", ""],
    ]
    html = (tmp_path / "class.html").read_text(encoding="utf-8")
    assert '<td class="passed">3/4 ✓</td>' in html and "常见打字速度是每分钟 ____ 字。" in html


def test_folder_argument_reads_its_json_files(mini_project: Path, class_results: Path):
    result = run(mini_project, "report", str(class_results))
    assert result.exit_code == 0
    assert "3 名学员，4 个文件" in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("junk.json", "not json", "不是 JSON 格式的成绩文件"),
        ("gbk.json", None, "不是 UTF-8 文本（第 "),
        ("other-format.json", {"format": "something-else"}, "不是 kefu-academy-results 文件"),
        ("list.json", [1, 2], "不是 kefu-academy-results 文件"),
        ("v2.json", results("甲", [], version=2), "不支持格式版本 2"),
        (
            "other-course.json",
            results("甲", [], course="kefu-academy"),
            "是另一门课程的成绩（'kefu-academy'",
        ),
        (
            "no-trainee.json",
            {k: v for k, v in results("甲", []).items() if k != "trainee"},
            "'trainee' 缺失",
        ),
        ("long-name.json", results("名" * 41, []), "必须是 1 到 40 个字的姓名"),
        (
            "no-score.json",
            results("甲", [{"unit": "alpha", "total": 4}]),
            "units[0]: 'score' 缺失",
        ),
        (
            "bool-score.json",
            results("甲", [unit("alpha", True, 4, True)]),
            "'score' 必须是整数，现在是 true",
        ),
        (
            "impossible.json",
            results("甲", [unit("alpha", 5, 4, True)]),
            "4 题得 5 分是不可能的",
        ),
    ],
)
def test_bad_files_are_named_and_skipped(
    mini_project: Path, class_results: Path, name, content, reason
):
    bad = class_results / name
    if content is None:
        bad.write_bytes(json.dumps(results("张", [])).replace('"张"', '"\u5f20"').encode("gbk"))
        bad.write_bytes(bad.read_bytes().replace(b"\\u5f20", "张".encode("gbk")))
    else:
        write(class_results, name, content)
    result = run(mini_project, "report", str(class_results / "zhang.json"), str(bad))
    assert result.exit_code == 1  # the report is printed, but a script learns it is incomplete
    assert (
        result.stderr.startswith(f"{bad}：")
        and reason in result.stderr
        and "；已跳过" in result.stderr
    )
    assert result.stderr.endswith("2 个文件里有 1 个读不了（见上面）；报告只包含其余 1 个\n")
    assert "1 名学员，1 个文件" in result.stdout


def test_unknown_unit_is_ignored_with_a_warning(mini_project: Path, tmp_path: Path):
    path = write(
        tmp_path, "r.json", results("甲", [unit("alpha", 4, 4, True), unit("removed", 1, 2, False)])
    )
    result = run(mini_project, "report", str(path))
    assert result.exit_code == 0
    assert "单元“removed”不在这门课程里，已忽略" in result.stderr
    assert "removed" not in result.stdout


def test_exit_1_when_nothing_could_be_read(mini_project: Path, tmp_path: Path):
    junk = write(tmp_path, "junk.json", "{")
    result = run(
        mini_project,
        "report",
        str(junk),
        str(tmp_path / "missing.json"),
        str(tmp_path / "no-folder"),
    )
    assert result.exit_code == 1
    assert "missing.json：没有这个文件或文件夹" in result.stderr
    assert "一个成绩文件也读不了" in result.stderr
    assert run(mini_project, "report").exit_code == 1
