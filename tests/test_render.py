"""Course -> pages: escaping, quiz markup hooks, links and asset paths."""

from __future__ import annotations

import html
import json
import re

import pytest

from generator.course import model
from generator.course.load import load_curriculum
from generator.site.render import display_order, question_hash, render_site


@pytest.fixture
def site(mini_project):
    return render_site(load_curriculum(mini_project))


def test_pages_of_the_course(site):
    assert set(site.pages) == {
        "index.md",
        "tracks/basics.md",
        "categories/process.md",
        "categories/motivation.md",
        "units/alpha.md",
        "units/beta.md",
        "glossary.md",
        "progress.md",
        "review.md",
    }
    assert set(site.assets) == {
        "assets/kefu/quiz.js",
        "assets/kefu/quiz.css",
        "assets/kefu/theme.css",
    }
    assert site.edit_sources["units/alpha.md"] == "curriculum/units/alpha.yml"


def test_home_lists_tracks_with_their_units_in_order(site):
    home = site.pages["index.md"]
    assert "### [基础路径](tracks/basics.md)" in home
    assert home.index("[单元甲](units/alpha.md)") < home.index("[单元乙](units/beta.md)")


def test_unit_page_has_every_part(site):
    page = site.standalone("units/alpha.md")
    for part in (
        "# 单元甲",
        "## 学习目标",
        "- 目标一",
        "## 第一节",
        "正文，<strong>加粗</strong>。",
        '<p class="admonition-title">本单元要点</p>',
        "<summary>问题一？</summary>",
        "## 自测练习",
    ):
        assert part in page


def test_trainer_markdown_reaches_the_engine_only_as_placeholders(site):
    page = site.pages["units/alpha.md"]
    assert "**加粗**" not in page and "kefu-question" not in page
    assert '<div data-kefu-fragment="1"></div>' in page
    engine_html = page.replace("\n\n", "\n")  # what any engine makes of the placeholder lines
    assert "正文，<strong>加粗</strong>。" in site.fill("units/alpha.md", engine_html)


def test_quiz_markup_hooks(site, mini_project):
    page = site.standalone("units/alpha.md")
    assert 'data-quiz="alpha"' in page
    for question_type, question_id in [
        ("single", "pick-one"),
        ("multiple", "pick-many"),
        ("truefalse", "yes-no"),
        ("fill", "blank"),
    ]:
        assert f'data-question-id="{question_id}" data-question-type="{question_type}"' in page
    assert page.count("data-quiz-check") == 4
    assert '<input type="radio" name="kq-alpha-yes-no" value="true">' in page
    assert '<input type="checkbox" name="kq-alpha-pick-many" value="a">' in page
    assert 'type="text" class="kefu-fill"' in page
    beta = site.standalone("units/beta.md")
    order_question = load_curriculum(mini_project).banks["beta"].questions[0]
    assert re.findall(r'data-option="(\w)"', beta) == display_order(order_question)


def test_order_items_never_start_solved():
    for n in range(3, 8):
        keys = [chr(97 + i) for i in range(n)]
        for seed in range(30):
            question = model.OrderQuestion(
                id=f"q{seed}",
                type="order",
                objective="o",
                stem="s",
                explanation="e",
                options={k: k.upper() for k in keys},
                answer=keys,
            )
            order = display_order(question)
            assert sorted(order) == keys and order != keys
            assert order == display_order(question)  # stable between builds


def test_text_from_yaml_is_escaped(mini_project):
    unit = mini_project / "curriculum/units/alpha.yml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace(
            "title: 单元甲", "title: '<img src=x onerror=alert(1)> *星*'"
        ),
        encoding="utf-8",
    )
    bank = mini_project / "quizzes/alpha.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("a: 错的甲", "a: '`<script>alert(1)</script>`'"),
        encoding="utf-8",
    )
    site = render_site(load_curriculum(mini_project))
    page = site.standalone("units/alpha.md")
    assert "<img" not in page and "<script>alert" not in page
    assert r"# &lt;img src=x onerror=alert\(1\)&gt; \*星\*" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_asset_and_page_urls_follow_the_url_style(mini_project):
    curriculum = load_curriculum(mini_project)
    pretty = render_site(curriculum)
    assert (
        '<script src="../../assets/kefu/quiz.js"></script>' in pretty.page_assets["units/alpha.md"]
    )
    assert '<script src="../assets/kefu/quiz.js"></script>' in pretty.page_assets["progress.md"]
    assert "categories/process.md" not in pretty.page_assets  # no quiz there, no script
    plain = render_site(curriculum, directory_urls=False)
    assert '<script src="../assets/kefu/quiz.js"></script>' in plain.standalone("units/alpha.md")
    assert '<script src="assets/kefu/quiz.js"></script>' in plain.standalone("progress.md")
    assert 'href="units/alpha.html"' in plain.standalone("progress.md")


def test_progress_data_names_every_unit_and_question_hash(site, mini_project):
    curriculum = load_curriculum(mini_project)
    raw = re.search(r'data-units="([^"]*)"', site.standalone("progress.md")).group(1)
    units = json.loads(html.unescape(raw))
    assert [u["id"] for u in units] == ["alpha", "beta"]
    assert units[0]["url"] == "../units/alpha/"
    assert units[1]["pass_ratio"] == 1.0 and units[0]["pass_ratio"] == 0.5
    assert units[0]["questions"]["pick-one"] == question_hash(
        curriculum.banks["alpha"].questions[0]
    )


def test_question_hash_changes_only_with_what_makes_an_answer_right():
    base = {
        "id": "q",
        "type": "single",
        "objective": "o",
        "stem": "s",
        "explanation": "e",
        "options": {"a": "甲", "b": {"text": "乙", "feedback": "对。"}},
        "answer": "b",
    }

    def hashed(**change) -> str:
        return question_hash(model.SingleQuestion(**{**base, **change}))

    same = hashed()
    for wording in (
        {"stem": "t"},
        {"explanation": "f"},
        {"options": {"a": "丙", "b": {"text": "丁", "feedback": "不对。"}}},
        {"options": {"b": "乙", "a": "甲"}},  # the same keys listed in another order
    ):
        assert hashed(**wording) == same, wording
    for key in ({"answer": "a"}, {"options": {"a": "甲", "b": "乙", "c": "丙"}}):
        assert hashed(**key) != same, key
    fill = {**base, "type": "fill", "stem": "____", "answer": ["同理心", "共情"]}
    del fill["options"]
    assert question_hash(model.FillQuestion(**fill)) == question_hash(
        model.FillQuestion(**{**fill, "answer": ["共情", "同理心。"]})
    )
    assert question_hash(model.FillQuestion(**fill)) != question_hash(
        model.FillQuestion(**{**fill, "answer": ["同理心"]})
    )
    tf = {k: v for k, v in base.items() if k not in ("options", "answer")}
    assert question_hash(model.TrueFalseQuestion(**{**tf, "type": "truefalse", "answer": True})) != question_hash(
        model.TrueFalseQuestion(**{**tf, "type": "truefalse", "answer": False})
    )
    typing = {**tf, "type": "typing", "passage": "亲，您好。"}
    assert question_hash(model.TypingQuestion(**typing)) != question_hash(
        model.TypingQuestion(**{**typing, "passage": "亲，你好。"})
    )
    assert question_hash(model.TypingQuestion(**typing)) != question_hash(
        model.TypingQuestion(**{**typing, "target_speed": 40})
    )


def test_navigation_by_track_and_category(site):
    titles = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in site.nav]
    assert titles == ["迷你课程", "学习路径", "服务流程", "团队培养与激励", "学习进度", "错题本", "术语表"]


def test_glossary_lists_a_term_once_with_each_unit_that_defines_it(mini_project):
    unit = mini_project / "curriculum/units/beta.yml"
    unit.write_text(
        unit.read_text(encoding="utf-8")
        + "glossary:\n  - term: 首响\n    definition: 第一次回复的时间。\n",
        encoding="utf-8",
    )
    page = render_site(load_curriculum(mini_project)).pages["glossary.md"]
    assert page.count("首响\n") == 1
    assert ":   首次响应时间。（出自：[单元甲](units/alpha.md)）" in page
    assert ":   第一次回复的时间。（出自：[单元乙](units/beta.md)）" in page
