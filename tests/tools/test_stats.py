import json
import math
from pathlib import Path

from generator.tools.stats import count_characters, display_width, text_table

from .helpers import run


def test_counts_han_characters_and_latin_words():
    assert count_characters("首响 30 秒，**加粗**！") == 6  # 首 响 秒 加 粗 (5 Han) + 30 (a number)
    assert count_characters("| --- | --- |") == 0
    assert count_characters("SKU 和 B2C") == 3


def test_json_per_unit_and_course(mini_project: Path):
    result = run(mini_project, "stats", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["reading_rate_per_minute"] == 300
    alpha, beta = data["units"]
    assert (alpha["id"], alpha["sections"], alpha["questions"]) == ("alpha", 1, 4)
    assert alpha["objectives"] == [
        {"id": "obj-one", "text": "目标一", "questions": 2},
        {"id": "obj-two", "text": "目标二", "questions": 2},
    ]
    assert beta["question_types"] == {
        "single": 0,
        "multiple": 0,
        "truefalse": 0,
        "fill": 0,
        "order": 1,
        "scenario": 1,
        "typing": 1,
    }
    assert data["total"]["questions"] == 7 and data["total"]["objectives"] == 3
    assert data["total"]["characters"] == alpha["characters"] + beta["characters"] > 0
    assert (
        alpha["reading_minutes"] == math.ceil(alpha["characters"] / 300 * 10) / 10
    )  # rounded up to 0.1 min


def test_table_states_the_rate_and_lines_up(mini_project: Path):
    result = run(mini_project, "stats")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "每分钟 300 字" in lines[1]
    table = lines[3:8]
    assert table[0].split()[:3] == ["单元", "标题", "节"]
    assert table[2].split()[:3] == ["alpha", "单元甲", "1"]
    assert len({display_width(line.rstrip()) for line in table[1:3]}) == 1  # aligned columns
    assert "题型分布" in result.stdout and "情景对话" in result.stdout


def test_text_table_pads_by_display_width():
    table = text_table(["名字", "n"], [["张三", 1], ["ab", 10]]).splitlines()
    assert table == ["名字  n", "----  --", "张三   1", "ab    10"]


def test_stats_on_a_missing_project(tmp_path: Path):
    result = run(tmp_path / "nowhere", "stats")
    assert result.exit_code == 1
    assert "找不到课程文件" in result.output
