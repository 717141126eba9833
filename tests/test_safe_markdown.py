"""Trainer Markdown: what is refused, what is rendered, and how Chinese line breaks are joined."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.course.markdown import (
    escape_text,
    inline_problem,
    markdown_problem,
    render,
    render_inline,
    rendered,
)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "段落 <img src=x onerror=alert(1)> 文字",
        "<!-- 注释 -->",
        "[点我](javascript:alert(1))",
        "[点我](JaVaScRiPt:alert(1))",
        "[点我](javascript&#58;alert(1))",
        "[点我](<javascript:alert(1)>)",
        "[点我][1]\n\n[1]: javascript:alert(1)",
        "[点我](vbscript:msgbox)",
        "[点我](data:text/html;base64,PHNjcmlwdD4=)",
        "![图](https://cdn.example.com/x.png)",
        "![图](//cdn.example.com/x.png)",
        '!!! tip "提示"\n内容没有缩进',
        # Python-Markdown read these as HTML where markdown-it did not: one parser now does both.
        "<svg/onload=alert(1)>",
        "<img/src=x onerror=alert(1)>",
        "<details/open/ontoggle=alert(1)>",
        "- 列表\n\n  <img src=x onerror=alert(1)>",
        "[x](java&#9;script:alert(1))",
        "[x](java&Tab;script:alert(1))",
        "[x](java&NewLine;script:alert(1))",
        "[x](java%09script:alert(1))",
        "<javascript:alert(1)>",
        "[x](JAVASCRIPT&#x3A;alert(1))",
    ],
)
def test_unsafe_markdown_is_refused(text):
    assert markdown_problem(text)
    assert (
        "<img" not in render(text) and "<svg" not in render(text) and "<details" not in render(text)
    )
    assert "javascript" not in render(text).split(">")[0]  # never in an attribute


@pytest.mark.parametrize(
    "text",
    [
        "![i](https://evil.example/x.png)",
        "<b>粗</b>",
        "[x](javascript:alert(1))",
    ],
)
def test_unsafe_option_text_is_refused(text):
    assert inline_problem(text)
    assert "src=" not in render_inline(text) and "<b>" not in render_inline(text)


def test_what_an_unclosed_fence_holds_is_code():
    assert render("```\n<img src=x onerror=alert(1)>") == (
        "<pre><code>&lt;img src=x onerror=alert(1)&gt;</code></pre>\n"
    )


def test_the_check_and_the_page_come_from_one_parse():
    result = rendered("正文 <b>粗</b>\n\n![i](//x.example/a.png)")
    assert result.html == render("正文 <b>粗</b>\n\n![i](//x.example/a.png)")
    assert len(result.problems) == 3  # <b>, </b>, the remote image
    assert "&lt;b&gt;" in result.html and "<img" not in result.html


_PIECES = st.sampled_from(
    [
        "<",
        ">",
        "/",
        "=",
        '"',
        "'",
        " ",
        "\n",
        "    ",
        "- ",
        "> ",
        "```",
        "`",
        "[",
        "]",
        "(",
        ")",
        "!",
        "&#9;",
        "&colon;",
        "&Tab;",
        "%09",
        "javascript:",
        "JaVaScRiPt:",
        "data:",
        "vbscript:",
        "script",
        "img",
        "svg",
        "onerror",
        "onload",
        "src",
        "href",
        "alert(1)",
        "中文",
        "!!! tip",
        "??? note",
        "| a |",
        ": ",
        "*",
        "_",
        "\\",
        "<!--",
        "-->",
        "http://x.example/",
        "//x.example",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_nothing_the_renderer_writes_can_run_or_load(text):
    html = render(text) + render_inline(text)
    lowered = html.lower()
    assert "<script" not in lowered and "<svg" not in lowered and "<iframe" not in lowered
    tags = re.findall(r"<[a-z][^>]*>", lowered)
    assert not [tag for tag in tags if re.search(r"\son[a-z]+\s*=", tag)], html
    for attribute in ('href="', 'src="'):
        for value in lowered.split(attribute)[1:]:
            assert not value.lstrip().startswith(
                ("javascript", "vbscript", "data:", "//", "http")
            ) or (attribute == 'href="' and value.startswith("http")), html


@pytest.mark.parametrize(
    "text",
    [
        "**加粗**，`<b>代码里的标签</b>` 没关系",
        "[官网](https://example.com) 和 [邮件](mailto:a@b.cn)",
        "![示意图](../images/a.png)",
        "| 表头 | 表头 |\n| --- | --- |\n| 1 | 2 |",
        '!!! tip "提示"\n    缩进的内容',
        "metadata: 数据",
    ],
)
def test_ordinary_markdown_is_accepted(text):
    assert markdown_problem(text) is None


def test_rendering_never_passes_html_through():
    assert "<script>" not in render("`x` <script>alert(1)</script>")
    assert "href" not in render("[x](javascript:alert(1))")
    assert render_inline("**重点**") == "<strong>重点</strong>"


def test_escape_text_makes_markdown_literal():
    assert escape_text("<b>*星*</b> [链接](x)") == r"&lt;b&gt;\*星\*&lt;/b&gt; \[链接\]\(x\)"


def test_line_breaks_between_chinese_are_joined_in_paragraphs_only():
    text = "第一行\n第二行\n\n```\n代码一\n代码二\n```\n\nEnglish\nwords"
    assert render(text) == (
        "<p>第一行第二行</p>\n<pre><code>代码一\n代码二\n</code></pre>\n<p>English\nwords</p>\n"
    )
    assert render("中文\n换行") == "<p>中文换行</p>\n"


def test_boxes_render_as_the_theme_styles_them_with_chinese_default_titles():
    assert render("!!! tip\n    内容") == (
        '<div class="admonition tip">\n<p class="admonition-title">提示</p>\n<p>内容</p>\n</div>\n'
    )
    assert render('??? question "问"\n    答') == (
        '<details class="question">\n<summary>问</summary>\n<p>答</p>\n</details>\n'
    )
    assert '<p class="admonition-title">' not in render('!!! note ""\n    无标题')


def test_a_refused_link_keeps_its_text_and_loses_its_address():
    assert render("[x](javascript:alert(1))") == "<p><a>x</a></p>\n"


def test_a_refused_image_without_alt_text_says_image():
    assert render("![](https://e.example/a.png)") == "<p>image</p>\n"


def test_an_image_behind_backslashes_is_from_another_site():
    assert markdown_problem("![图](\\\\evil.example/a.png)").startswith("图片 ")


def test_a_raw_html_block_is_shown_as_the_text_typed():
    assert render("<div>甲</div>") == "<p>&lt;div&gt;甲&lt;/div&gt;</p>\n"


def test_chinese_lines_join_after_markup_and_only_between_chinese_characters():
    assert render("**粗**甲\n乙") == "<p><strong>粗</strong>甲乙</p>\n"
    assert render("甲\n乙a") == "<p>甲乙a</p>\n"


def test_box_kinds_and_titles():
    assert render("???+ tip\n    正文").startswith(
        '<details class="tip" open>\n<summary>提示</summary>'
    )
    assert (
        render("!!! custom\n    正文") == '<div class="admonition custom">\n<p>正文</p>\n</div>\n'
    )
    assert render("!!! 提示\n    正文").startswith('<div class="admonition note">')
    assert render('!!! x"y\n    正文').startswith('<div class="admonition xy">')  # no way out


def test_a_box_must_indent_its_content():
    assert (
        markdown_problem("!!! tip\n正文") == "提示框 '!!! tip' 里面的内容要比第一行多缩进 4 个空格"
    )
    assert markdown_problem("前文\n\n!!! tip\n    正文") is None
