"""Chinese search: the index is segmented with jieba (course terms kept whole), so a trainee
finds a unit by a word of it."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("query", "expected_title"),
    [("询单转化率", "绩效与数据分析"), ("七日无理由退货", "平台规则与法律")],
)
def test_search_finds_units_by_chinese_words(page, shipped_url, query, expected_title):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(shipped_url)
    field = page.locator(".md-search__input")
    field.click()
    field.type(query)
    page.keyboard.press("End")  # Material searches on keyup; an IME commit ends with one too
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    titles = " ".join(results.all_inner_texts()).replace("\u200b", "")
    assert expected_title in titles


# Result groups (one per page) as the trainee sees them: the lesson must be in the first three.
GROUPS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item =>
    [...item.querySelectorAll('a.md-search-result__link')].map(a => new URL(a.href).pathname + decodeURIComponent(new URL(a.href).hash)))"""


@pytest.mark.parametrize(
    ("query", "lesson"),
    [
        ("退款", "/units/after-sales-system/"),
        ("差评", "/units/reviews-replies/"),
        ("询单转化率", "/units/performance-data/"),
    ],
)
def test_search_puts_the_lesson_in_the_top_three(page, shipped_url, query, lesson):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(shipped_url)
    field = page.locator(".md-search__input")
    field.click()
    field.fill(query)
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    groups = page.evaluate(GROUPS)
    assert lesson in [links[0] for links in groups[:3]], groups[:3]
    assert not [link for links in groups for link in links if "自测练习" in link]
