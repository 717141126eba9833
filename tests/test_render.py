"""Course -> pages: escaping, quiz markup hooks, links and asset paths."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

from generator.course import model
from generator.course.load import load_curriculum
from generator.site.build import build_site
from generator.site.render import SCRIPTS, STYLESHEETS, question_hash, render_site


@pytest.fixture
def site(mini_project):
    return render_site(load_curriculum(mini_project))


def test_pages_of_the_course(site):
    assert set(site.pages) == {
        "index.md",
        "tracks/basics/index.md",
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
    assert "### [基础路径](tracks/basics/index.md)" in home
    home = site.standalone("index.md")
    assert home.index('href="units/alpha/">单元甲') < home.index('href="units/beta/">单元乙')


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
    assert re.findall(r'data-option="(\w)"', beta) == order_question.display_order()


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
            order = question.display_order()
            assert sorted(order) == keys and order != keys
            assert order == question.display_order()  # stable between builds


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


def test_pages_carry_no_asset_tags_and_page_urls_follow_the_url_style(mini_project):
    """Assets come through extra_css/extra_javascript (resolved from the site root by every
    engine); relative asset paths in raw HTML break under a sub-path with Zensical."""
    curriculum = load_curriculum(mini_project)
    pretty = render_site(curriculum)
    for path in pretty.pages:
        assert not re.search(r"<script|<link", pretty.standalone(path)), path
    assert STYLESHEETS == ("assets/kefu/theme.css", "assets/kefu/quiz.css")
    assert SCRIPTS == ("assets/kefu/quiz.js",)
    assert set(STYLESHEETS + SCRIPTS) == set(pretty.assets)
    assert 'href="../units/alpha/"' in pretty.standalone("progress.md")
    plain = render_site(curriculum, directory_urls=False)
    assert 'href="units/alpha.html"' in plain.standalone("progress.md")


def test_lists_of_every_unit_stay_out_of_search(site):
    """At 1000 units their text passes Zensical's limit for one search field."""
    assert "<table data-search-exclude" in site.standalone("progress.md")
    assert '<ol data-search-exclude="">\n<li><a href="units/alpha/">' in site.standalone("index.md")
    track = site.standalone("tracks/basics/index.md")
    assert '<ol class="kefu-track-units" data-search-exclude="">' in track


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
    assert question_hash(
        model.TrueFalseQuestion(**{**tf, "type": "truefalse", "answer": True})
    ) != question_hash(model.TrueFalseQuestion(**{**tf, "type": "truefalse", "answer": False}))
    typing = {**tf, "type": "typing", "passage": "亲，您好。"}
    assert question_hash(model.TypingQuestion(**typing)) != question_hash(
        model.TypingQuestion(**{**typing, "passage": "亲，你好。"})
    )
    assert question_hash(model.TypingQuestion(**typing)) != question_hash(
        model.TypingQuestion(**{**typing, "target_speed": 40})
    )


def test_navigation_by_track_in_track_order(site):
    assert site.nav == [
        {"迷你课程": "index.md"},
        {
            "学习路径": [
                {
                    "基础路径": [
                        {"基础路径": "tracks/basics/index.md"},
                        {"单元甲": "units/alpha.md"},
                        {"单元乙": "units/beta.md"},
                    ]
                }
            ]
        },
        {"学习进度": "progress.md"},
        {"错题本": "review.md"},
        {"术语表": "glossary.md"},
    ]


def test_glossary_lists_a_term_once_with_each_unit_that_defines_it(mini_project):
    unit = mini_project / "curriculum/units/beta.yml"
    unit.write_text(
        unit.read_text(encoding="utf-8")
        + "glossary:\n  - term: 首响\n    definition: 第一次回复的时间。\n",
        encoding="utf-8",
    )
    page = render_site(load_curriculum(mini_project)).pages["glossary.md"]
    assert page.count("## 首响\n") == 1  # one heading, so one search entry, per term
    assert "\n首次响应时间。（出自：[单元甲](units/alpha.md)）" in page
    assert "\n第一次回复的时间。（出自：[单元乙](units/beta.md)）" in page


class _Tags(HTMLParser):
    """Every tag of a page with its attributes, and the text of its <title>."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.title, self._in_title = "", False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@pytest.mark.slow  # a full MkDocs build
def test_titles_in_the_nav_and_the_window_title_stay_text(mini_project, tmp_path):
    """The theme prints nav titles as HTML and un-escapes them into <title>: a title from YAML
    must not become a tag in either (this once was caught only in a browser)."""
    title = "</title><img src=x onerror=alert(1)><b>甲</b>"
    unit = mini_project / "curriculum/units/alpha.yml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("title: 单元甲", f"title: '{title}'"),
        encoding="utf-8",
    )
    site = build_site(mini_project, site_dir=tmp_path / "site")
    for name in ("index.html", "units/alpha/index.html", "units/beta/index.html"):
        page = _Tags()
        page.feed((site / name).read_text(encoding="utf-8"))
        assert not [tag for tag, attrs in page.tags if tag in ("img", "b") or "onerror" in attrs]
        if name == "units/alpha/index.html":
            assert page.title.replace("\u200b", "").startswith(title)


def test_a_multiple_choice_key_listed_in_another_order_keeps_progress():
    base = {
        "id": "q",
        "type": "multiple",
        "objective": "o",
        "stem": "s",
        "explanation": "e",
        "options": {"a": "甲", "b": "乙", "c": "丙"},
    }
    one, other = (model.MultipleQuestion(**base, answer=key) for key in (["a", "c"], ["c", "a"]))
    assert question_hash(one) == question_hash(other)
    assert question_hash(one) != question_hash(model.MultipleQuestion(**base, answer=["a"]))
