"""Trainer Markdown: what is refused, what is rendered, and how Chinese line breaks are joined."""

from __future__ import annotations

import pytest

from generator.safe_markdown import escape_text, join_cjk_lines, markdown_problem, render, render_inline


@pytest.mark.parametrize("text", [
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
    "!!! tip \"提示\"\n内容没有缩进",
])
def test_unsafe_markdown_is_refused(text):
    assert markdown_problem(text)


@pytest.mark.parametrize("text", [
    "**加粗**，`<b>代码里的标签</b>` 没关系",
    "[官网](https://example.com) 和 [邮件](mailto:a@b.cn)",
    "![示意图](../images/a.png)",
    "| 表头 | 表头 |\n| --- | --- |\n| 1 | 2 |",
    "!!! tip \"提示\"\n    缩进的内容",
    "metadata: 数据",
])
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
    assert join_cjk_lines(text) == "第一行第二行\n\n```\n代码一\n代码二\n```\n\nEnglish\nwords"
    assert render("中文\n换行") == "<p>中文换行</p>\n"
