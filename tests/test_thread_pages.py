"""A page that names itself a forum thread keeps its replies, whatever they are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import dom
from extractor.article.boilerplate import names_a_thread
from extractor.pipeline import extract_html

PAGES = Path(__file__).parent / "pages"
REPLIES = ("Check the bed for wear first", "Ask what tooling comes with it", "Yes, buy used")


def markdown_of(html: str) -> str:
    return extract_html(html, url="https://pages.test/forum-thread-comment-replies/").markdown


def test_the_replies_of_a_thread_named_page_are_kept() -> None:
    html = (PAGES / "forum-thread-comment-replies" / "index.html").read_text(encoding="utf-8")
    out = markdown_of(html)
    assert "I have a small garage" in out
    assert all(reply in out for reply in REPLIES)
    assert out.index("I have a small garage") < out.index(REPLIES[0]) < out.index(REPLIES[2])
    for noise in ("Post reply", "Reply to this thread", "Workshop Forum · Rules", "Woodwork"):
        assert noise not in out
    # the same page not named a thread: its comment-named replies go, as under an article
    unnamed = markdown_of(html.replace("threadViewPage", "contentPage"))
    assert "I have a small garage" in unnamed
    assert not any(reply in unnamed for reply in REPLIES)


@pytest.mark.parametrize(
    ("where", "names", "thread"),
    [
        ("html", "has-no-js template-thread_view xenbase", True),  # XenForo
        ("body", "page-topic page-topic-18427", True),  # NodeBB
        ("body", "nojs notouch section-viewtopic ltr", True),  # phpBB
        ("main", "mainContent threadViewPage", True),  # vBulletin-derived themes
        ("body", "topics article", False),  # a news story filed under topics
        ("body", "crafts topicview", False),  # a how-to page of a topic
        ("body", "single-post has-comments", False),
        ("div", "thread_view", False),  # only the page itself names its kind
    ],
)
def test_a_page_names_itself_a_thread(where: str, names: str, thread: bool) -> None:
    inner = (
        f'<{where} class="{names}"><p>x</p></{where}>' if where in ("main", "div") else "<p>x</p>"
    )
    html_class = f' class="{names}"' if where == "html" else ""
    body_class = f' class="{names}"' if where == "body" else ""
    doc = dom.parse(f"<html{html_class}><body{body_class}>{inner}</body></html>")
    assert names_a_thread(dom.body_of(doc)) is thread
