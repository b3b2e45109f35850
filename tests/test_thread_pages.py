"""A page that names itself a forum thread keeps its replies, whatever they are named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor import dom
from extractor.article import boilerplate, callouts, cleanup, posts, threads
from extractor.article.boilerplate import COMMENT_NAMES, names_a_comment_form, names_a_thread
from extractor.article.region import find_article
from extractor.article.threads import replies_shaped_like_the_post
from extractor.pipeline import extract_html
from extractor.records import Metadata, Options

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


DECLARED_REPLIES = (
    "A pencil and a waterproof notebook",
    "Same here, but with a space pen",
    "I record short voice notes",
)


def test_a_page_declaring_a_discussion_keeps_its_comment_named_replies() -> None:
    # Reddit-like web components: each reply's text sits in a block named "...-comment-..."
    html = (PAGES / "forum-declared-discussion" / "index.html").read_text(encoding="utf-8")
    out = extract_html(html, url="https://pages.test/forum-declared-discussion/").markdown
    opening = "I walk long distance paths"
    assert opening in out and all(reply in out for reply in DECLARED_REPLIES)
    assert out.index(opening) < out.index(DECLARED_REPLIES[0]) < out.index(DECLARED_REPLIES[2])
    for noise in ("Community information", "A community for hikers", "Log In", "Share"):
        assert noise not in out
    # the same page without its declaration: the replies go, as comments under a story do
    plain = html.replace('"@type":"DiscussionForumPosting"', '"@type":"WebPage"')
    out = extract_html(plain, url="https://pages.test/forum-declared-discussion/").markdown
    assert opening in out and not any(reply in out for reply in DECLARED_REPLIES)


@pytest.mark.parametrize(
    ("head", "thread"),
    [
        ('{"@type": "DiscussionForumPosting", "headline": "t"}', True),
        ('{"@graph": [{"@type": "WebPage"}, {"@type": "QAPage"}]}', True),
        ('{"@type": "NewsArticle", "comment": [{"@type": "Comment", "text": "x"}]}', False),
        ('{"@type": "FAQPage"}', False),
    ],
)
def test_the_declared_kinds_of_a_thread(head: str, thread: bool) -> None:
    comments = "".join(
        f'<div class="comment"><p>{reply} and some more words of the reply.</p></div>'
        for reply in DECLARED_REPLIES
    )
    story = "<p>" + "The story itself, long enough to be the article of the page. " * 6 + "</p>"
    doc = dom.parse(
        f'<html><head><script type="application/ld+json">{head}</script></head>'
        f"<body><article>{story}</article><section class='comments'>{comments}</section>"
        "</body></html>"
    )
    _, steps = find_article(doc, Metadata(title="t"), Options())
    dropped = sum(step.removed for step in steps if step.name == "comments")
    assert (dropped == 0) is thread


def fixture_markdown(case: str) -> str:
    html = (PAGES / case / "index.html").read_text(encoding="utf-8")
    return extract_html(html, url=f"https://pages.test/{case}/").markdown


def in_order(out: str, *parts: str) -> bool:
    found = [out.find(part) for part in parts]
    return -1 not in found and found == sorted(found)


def test_a_quote_box_of_a_post_on_the_page_goes_though_it_reads_as_a_callout() -> None:
    # Discourse: a quote is an <aside class="quote"> with a title line, which the callout
    # step reads as a "quote" callout; it keeps whom it quotes (data-username), so the copy of
    # ines_m's post goes, and the quote of a post in another topic stays
    out = fixture_markdown("forum-crawler-view-quotes")
    assert in_order(
        out,
        "Since we moved our uploads",
        "Yes: the backups include uploads by default",
        "Good point. Our provider offers versioning",
        "> [!quote] Restoring a backup to a new droplet",
        "One more thing worth checking",
    )
    assert out.count("Just make sure the bucket has its own versioning") == 1
    # the copy goes with the line naming whom it quotes; ines_m stays as her post's author, and
    # each post's header comes down to its author and date
    assert out.count("ines_m") == 1 and "**ines_m** · October 14, 2026, 9:41am\n" in out
    assert out.count("halvard") == 2
    for chrome in ("Related topics", "Uploads missing after S3", "Likes", "Powered by"):
        assert chrome not in out


def test_a_callout_keeps_whom_a_quote_quotes() -> None:
    doc = dom.parse(
        '<html><body><aside class="quote" data-username="ines_m" data-post="2">'
        '<div class="title">ines_m:</div><blockquote><p>x</p></blockquote></aside></body></html>'
    )
    callouts.mark_callouts(dom.body_of(doc))
    (box,) = doc.xpath("//*[@data-callout]")
    assert box.get("data-callout") == "quote" and box.get("data-username") == "ines_m"
    assert box.get("data-post") is None and box.get("class") is None


def test_a_timeline_of_comments_keeps_every_comment_without_its_authors_pictures() -> None:
    # GitHub's issue page: the issue and its replies are all "timeline-comment"s, each beside
    # its author's picture ("avatar", alt "@name", in a link to the profile)
    out = fixture_markdown("forum-issue-timeline")
    assert in_order(
        out,
        "When the configuration file sits in a folder",
        "Version 4.2.1 on macOS 15",
        "Thanks for the clear steps",
        "I built the main branch",
        "The same splitting happens for the cache directory",
    )
    for chrome in ("@harriet-oyelaran", "avatars.", "added the", "closed this as", "Assignees",
                   "Sign in to comment"):  # fmt: skip
        assert chrome not in out


def test_a_story_page_keeps_its_comments_without_their_scores_and_reply_form() -> None:
    # Lobsters: a link's page holds only its comments, each with a vote box ("voters": an
    # arrow and the score) and under the story the comment form's container, which tells a
    # visitor to log in
    out = fixture_markdown("forum-link-story-comments")
    assert in_order(
        out,
        "Ask for it to be split in two",
        "That is what the article ends up recommending",
        "Filter the diff instead of reading it",
        "Whatever you do, merge it quickly",
    )
    assert not re.search(r"^[ \d.]*\d *$", out, re.MULTILINE)  # no line of numbers only
    for chrome in ("log in", "flag", "reply", "suggest", "ehlund", "8 days ago"):
        assert chrome not in out


@pytest.mark.parametrize(
    ("box", "kept"),
    [
        ('<div class="js-vote-count" data-value="42">42</div>', False),
        ('<div class="voters"><a class="upvoter" href="/login"></a><div class="score">-3</div></div>', False),
        ('<span class="vote-total">18.9k</span>', False),
        ('<div class="vote-note">Polls close at eight in the evening.</div>', True),
        ('<table class="votes"><tr><td class="vote-count">12,044</td></tr></table>', True),
    ],
)  # fmt: skip
def test_a_vote_box_showing_only_a_number_goes(box: str, kept: bool) -> None:
    doc = dom.parse(f"<html><body><div><p>Post.</p>{box}</div></body></html>")
    text = dom.body_of(doc).text_content()
    threads.drop_post_chrome(dom.body_of(doc))
    assert (dom.body_of(doc).text_content() == text) is kept


def test_an_avatar_goes_with_the_link_that_showed_only_it() -> None:
    doc = dom.parse(
        '<html><body><div class="post"><a href="/u/ana"><img class="avatar" alt="@ana" src="a.png">'
        '</a> <a href="/u/ana">ana</a><p>Post.</p><img src="chart.png" alt="Chart"></div></body></html>'
    )
    threads.drop_post_chrome(dom.body_of(doc))
    assert [a.text_content() for a in doc.iter("a")] == ["ana"]
    assert [img.get("alt") for img in doc.iter("img")] == ["Chart"]


def test_an_avatar_box_showing_only_a_picture_goes() -> None:
    # PyBBM: the member's picture is a plain <img> in a box named "avatar"; the box goes with
    # the link around the picture, a box named so that shows words stays
    doc = dom.parse(
        '<html><body><div class="post"><div class="avatar"><a href="/u/ana"><img src="d.jpg"'
        ' alt="default avatar"></a></div><div class="avatar-help">Pictures are 80px square.'
        '<img src="help.png" alt="Help"></div><p>Post.</p></div></body></html>'
    )
    threads.drop_post_chrome(dom.body_of(doc))
    assert doc.find(".//div[@class='avatar']") is None
    assert [img.get("alt") for img in doc.iter("img")] == ["Help"]


def test_a_threads_reply_form_goes_with_the_thread_kept() -> None:
    replies = "".join(
        f'<div class="comment"><p>{reply} and some more words of the reply.</p></div>'
        for reply in DECLARED_REPLIES
    )
    doc = dom.parse(
        '<html><body class="page-topic"><div class="comment_form_container"><p>You must'
        f' <a href="/login">log in</a> to comment.</p></div>{replies}</body></html>'
    )
    region, _ = find_article(doc, Metadata(title="t"), Options())
    text = dom.fold(region.text_content())
    assert all(reply in text for reply in DECLARED_REPLIES) and "log in" not in text


@pytest.mark.parametrize(
    ("names", "form"),
    [
        ("comment_form_container", True),  # Lobsters
        ("comment-form", True),  # WordPress
        ("commentform", True),
        ("comment-text js-comment-text-and-form", False),  # a Stack Exchange comment's text
        ("comment-formatting-help", False),
    ],
)
def test_the_names_of_a_comment_form(names: str, form: bool) -> None:
    doc = dom.parse(f'<html><body><div class="{names}">x</div></body></html>')
    assert names_a_comment_form(doc.find(".//div")) is form


def test_a_posters_column_goes_whatever_joins_the_words_of_its_name() -> None:
    # Simple Machines: the poster's column is a "user_info" list (member group, title, stars,
    # post count, "Logged"), as vBulletin's is a "userinfo" and XenForo's a "user-details"
    out = fixture_markdown("forum-poster-columns")
    assert in_order(
        out,
        "Our club has the chance to buy",
        "Run it through every gear",
        "Good advice, thank you.",
        "Most school lathes are worn near the chuck",
    )
    assert out.count("more than a couple of hundredths of play") == 1  # (quoted in the third)
    for panel in ("Global Moderator", "Hero Member", "Posts: 2,418", "Logged", "membericons"):
        assert panel not in out
    assert "Jump to" not in out  # (the label of the board select under the thread)


def test_a_story_with_the_vote_box_of_its_comments_keeps_them() -> None:
    # Lobsters, a text post: the story and every comment carry the same vote box ("voters");
    # the comments hold less of the page's prose than a thread's replies usually do
    out = fixture_markdown("forum-voted-text-story")
    assert in_order(
        out,
        "A colleague opened a pull request",
        "How do you review a change like this",
        "Ask for it to be split in two",
        "That is what we ended up doing",
        "Filter the diff instead of reading it",
        "Whatever you do, merge it quickly",
    )
    for chrome in ("log in", "flag", "suggest", "ehlund", "8 days ago", "27"):
        assert chrome not in out


def test_a_table_layout_thread_keeps_its_opening_post_and_every_reply() -> None:
    # Hacker News: the submission (vote arrow, title, subtext, its text in div.toptext) is a
    # table above the comment tree, each comment a row with a vote arrow of its own
    out = fixture_markdown("forum-table-layout-thread")
    assert in_order(
        out,
        "I started a small home lab two years ago",
        "How do you keep yours useful",
        "Treat it like production with one rule",
        "The monthly evening is a good idea",
        "I pin everything and update",
        "I stopped self-hosting email",
        "Buy less hardware",
        "Monitoring helped me more than anything else",
    )
    for chrome in ("reply", "upvote", "add comment", "Guidelines", "login"):
        assert chrome not in out


@pytest.mark.parametrize(
    ("opening", "reply", "thread"),
    [
        ('<div class="voters"><a class="upvoter"></a><div class="score">27</div></div>',
         '<div class="voters"><div class="score">4</div></div>', True),
        ("", '<div class="voters"><div class="score">4</div></div>', False),  # only replies vote
        ('<div class="voters">27</div>', "", False),  # the replies have none
        ('<div class="poll-votes">Vote for the best pie: apple or cherry</div>',
         '<div class="voters">4</div>', False),  # a poll, not a vote box
    ],
)  # fmt: skip
def test_an_opening_post_voted_like_its_replies(opening: str, reply: str, thread: bool) -> None:
    comments = "".join(
        f'<li class="comment">{reply}<p>{text} and some more words of the reply.</p></li>'
        for text in DECLARED_REPLIES
    )
    story = "<p>" + "The story itself, long enough to be the article of the page. " * 9 + "</p>"
    doc = dom.parse(
        f"<html><body><article>{opening}{story}</article>"
        f"<ol class='comments'>{comments}</ol></body></html>"
    )
    _, steps = find_article(doc, Metadata(title="t"), Options())
    dropped = sum(step.removed for step in steps if step.name == "comments")
    assert (dropped == 0) is thread


def test_a_question_page_keeps_the_question_and_every_answer() -> None:
    # Stack Exchange: each post's body beside its vote cell, under it its tags, post menu,
    # user card and comments (a comment's text sits in "js-comment-text-and-form")
    out = fixture_markdown("forum-question-answers")
    assert in_order(
        out,
        "I mirror a photo archive",
        "Use `--size-only`",
        "rsync -av --size-only",
        "If you do not trust sizes alone",
        "Another angle: a backup tool",
    )
    for chrome in ("Improve this", "Share", "Ravi Menon", "18.9k", "badges", "Sorted by",
                   "Your Answer", "Not the answer", "Hot Network", "Related", "Linked"):  # fmt: skip
        assert chrome not in out


def test_a_threads_posts_in_loose_text_come_out_without_their_authors_blocks() -> None:
    # MyBB: each post's author block (avatar, title, stars, "author_statistics") beside its
    # text, written as loose text and <br />; a reply quotes the post above it
    out = fixture_markdown("forum-postbit-threads")
    assert in_order(
        out,
        "I have been asked to move our small office",
        "Has anyone done a move like this",
        "Export each calendar to an iCalendar file first",
        "Recurring meetings are where most imports fail",
        "The export worked and the file has all of it",
        "One more tip: move the room calendars last",
    )
    assert out.count("Export each calendar to an iCalendar file first") == 1
    for chrome in ("Junior Member", "Posts: 14", "Reputation", "Office IT by accident",
                   "Find", "Report", "Users browsing", "Forum Jump", "Next Oldest"):  # fmt: skip
        assert chrome not in out


def test_a_voting_communitys_post_keeps_its_comment_tree() -> None:
    # Lemmy: the post and every comment carry a vote bar; the comments are li.comment
    # role="comment" under the post's card, the comment form asks a visitor to log in
    out = fixture_markdown("forum-voted-comment-tree")
    assert in_order(
        out,
        "I put a small solar panel and a charge controller",
        "Most of the noise on the line is the switch-mode charger",
        "Seconding this. I had the same hash",
        "Also check the controller's ground",
        "Thanks, both of these make sense",
    )
    for chrome in ("logged in", "138", "amateur_radio", "1.2K users", "Create Post"):
        assert chrome not in out


def test_replies_shaped_like_the_opening_post_are_kept() -> None:
    # Khoros: the topic and its replies are alike ("MessageView lia-message-view-forum-message
    # ..."), but for "lia-thread-topic" / "lia-thread-reply"; every part is named "...-widget-..."
    out = fixture_markdown("forum-replies-like-the-topic")
    assert in_order(
        out,
        "Our router drops every wireless device",
        "Could the two be connected?",
        "Thanks for the detail. What you describe",
        "Set the 5 GHz network to a fixed channel",
        "That was it. I fixed the channel to 44",
        "Same router here, same drops",
    )
    for chrome in ("Kudos", "Contributor II", "Posts", "Related Content", "Next Topic", "Sign In"):
        assert chrome not in out


REPLY = "A reply of a sentence or two, long enough to be a post of the thread: it answers the story above it and adds a little of its own."


@pytest.mark.parametrize(
    ("post", "reply", "thread"),
    [
        ("MessageView lia-message-view lia-row-standard lia-thread-topic",
         "MessageView lia-message-view lia-row-standard lia-thread-reply", True),
        ("post-body entry-content single", "comment-body comment even depth-1", False),
        ("card story-card full", "card comment-card full", False),  # (two words of three)
        ("block block-node first odd", "block block-disqus first odd", False),  # no reply text
    ],
)  # fmt: skip
def test_replies_shaped_like_the_post(post: str, reply: str, thread: bool) -> None:
    story = "The story itself, long enough to be the article of the page. " * 9
    text = "" if "disqus" in reply else REPLY
    doc = dom.parse(
        f'<html><body><div class="{post}"><p>{story}</p></div>'
        f'<div class="{reply}"><p>{text}</p></div></body></html>'
    )
    body = dom.body_of(doc)
    comments = [el for el in body.iter("div") if COMMENT_NAMES.search(el.get("class", "").lower())]
    assert replies_shaped_like_the_post(body, comments, COMMENT_NAMES) is thread


def test_a_discussion_and_its_comments_of_one_shape_come_out_whole() -> None:
    # Vanilla: the discussion ("Discussion", itself a comment word) and its comments share
    # their header, message and reactions; a panel of categories and discussions beside them
    out = fixture_markdown("forum-discussion-comments")
    assert in_order(
        out,
        "Our village hall has a small kitchen",
        "Is there a short template",
        "Look for the safer food pack",
        "Thank you, that looks much more manageable",
        "The hall keeps one diary",
        "We did the same at our hall last year",
    )
    for chrome in ("Moderator", "Flag", "Quote", "Categories", "Popular", "Powered",
                   "to comment"):  # fmt: skip
        assert chrome not in out
    # each comment keeps its author and date as one line (the member's role and picture go)
    for author in ("hollins_k", "marisol_t", "petra_ng"):
        assert f"**{author}** · March 3\n" in out


@pytest.mark.parametrize(
    ("line", "junk"),
    [
        ("You must be logged in to post a comment.", True),  # WordPress
        ("Sign in or Register to comment.", True),
        ("Already have an account? Sign in to comment", True),
        ("You must log in to reply.", True),
        ("Log in to see the rest of the thread, then reply to the post you mean.", False),
        ("The council asked residents to register to vote before the deadline.", False),
    ],
)
def test_a_note_asking_to_sign_in_to_comment_is_a_junk_line(line: str, junk: bool) -> None:
    doc = dom.parse(
        f"<html><body><div><p>{'Text of the post. ' * 9}</p><p>{line}</p></div></body></html>"
    )
    region = dom.body_of(doc)[0]
    cleanup.drop_junk_lines(region)
    assert (line not in region.text_content()) is junk


def test_the_stats_every_post_repeats_about_its_author_go() -> None:
    # vBulletin 3: "Join Date", "Location" and "Posts" as bare divs in the poster's cell, named
    # by no class; the same labels at the same place of every post's template
    html = (PAGES / "forum-member-stats" / "index.html").read_text(encoding="utf-8")
    out = fixture_markdown("forum-member-stats")
    assert in_order(
        out,
        "The workshop at the bottom of our garden",
        "Take it all out.",
        "What size of cable should run down",
        "It depends on the length of the run",
    )
    for stat in ("Join Date", "Location", "Harrogate", "Posts:", "4,312"):
        assert stat not in out
    # each post's number in its head row ("#2", a permalink): the cell stays, emptied
    assert "#[**2**]" not in out and "**2**" not in out
    assert "| Old 03-14-2026, 09:40 PM |  |" in out
    # the same page declaring no discussion is no thread: nothing there is read as its chrome
    plain = markdown_of(html.replace('"DiscussionForumPosting"', '"WebPage"'))
    assert "Join Date: Jan 2011" in plain and "Posts: 4,312" in plain


def test_label_lines_in_the_posts_own_text_stay() -> None:
    # phpBB: each member lists their kit as "Camera: ..." lines in the post's text (a line of
    # loose text and <br>, under a longer post), the rank, "Posts:" and "Joined:" beside it
    out = fixture_markdown("forum-member-stats-phpbb")
    assert in_order(
        out,
        "Camera: old crop-sensor body",
        "Camera: full-frame, ten years old",
        "Lens: 24mm prime",
        "Camera: crop-sensor mirrorless",
        "A tripod it is",
    )
    for stat in ("Posts:", "Joined:", "Kendal", "3,907"):
        assert stat not in out


@pytest.mark.parametrize(
    ("markup", "posts", "gone"),
    [
        # XenForo 2: a term and its value in a dl.pairs, one per stat
        ('<dl class="pairs pairs--justified"><dt>Points</dt><dd>{n}0</dd></dl>', 4, True),
        # SMF: a stat as an item of the poster's list
        ('<ul class="user_info"><li class="karma">Karma: +{n}0/-0</li></ul>', 4, True),
        # in two posts only: no template's repetition
        ('<ul class="user_info"><li class="karma">Karma: +{n}0/-0</li></ul>', 2, False),
        # a value too long for a stat: a line of the post
        ("<div>Answer: {n}0 and a longer sentence of the post that goes on</div>", 4, False),
        # a line of a config file each post quotes, highlighted line by line
        ('<pre><code><span class="line">retries: {n}0</span></code></pre>', 4, False),
    ],
)
def test_stats_lines_are_read_by_their_repeated_labels(markup: str, posts: int, gone: bool) -> None:
    thread = "".join(
        f'<div class="post"><div class="side">{markup.format(n=n)}</div>'
        f'<div class="text"><p>Reply number {n} with words of its own.</p></div></div>'
        for n in range(1, posts + 1)
    )
    body = dom.body_of(dom.parse(f"<html><body><div id='posts'>{thread}</div></body></html>"))
    step = threads.drop_member_stats(body, thread=True)
    text = " ".join(body.text_content().split())
    assert ("10" not in text) is gone
    assert step.removed == (posts * (2 if "<dt>" in markup else 1) if gone else 0)
    assert f"Reply number {posts} with words of its own." in text


def test_the_badge_of_the_member_who_opened_the_thread_goes() -> None:
    # XenForo 2: "Thread starter" as an item of the post header's list, on the opener's posts
    out = fixture_markdown("forum-thread-starter")
    assert in_order(
        out,
        "I have just bought a hand grinder",
        "Fresh beans, even while you practise.",
        "How fresh is fresh enough",
        "Buy small bags",
    )
    assert "Thread starter" not in out
    assert "#1" not in out and "#3" not in out  # (each post's number, its permalink)


def test_a_fields_label_goes_with_it_and_a_toggles_label_stays() -> None:
    html = (
        "<html><body><p>Text of the page.</p>"
        '<div><label for="jump">Jump to:</label> <select id="jump"><option>Lathes</option>'
        '</select></div><label for="q">Search the forum</label><input type="search" id="q">'
        '<input type="radio" name="tabs" id="tab-1" checked><label for="tab-1">Specs</label>'
        '<input type="checkbox" id="more"><label for="more">Read the answer</label>'
        '<label for="elsewhere">A label for nothing on the page</label>'
        "</body></html>"
    )
    body = dom.body_of(dom.parse(html))
    step = boilerplate.drop_non_content(body)
    text = " ".join(body.text_content().split())
    assert "Jump to" not in text and "Search the forum" not in text
    assert "Specs" in text and "Read the answer" in text and "A label for nothing" in text
    assert step.samples[:2] == ("Jump to:", "Search the forum")


def test_a_threads_one_line_posts_join_its_longer_ones() -> None:
    # django-machina's board theme: each post's text in a div.post-content of one card
    # template; the opening question and the closing thanks are a line each
    out = fixture_markdown("forum-short-posts")
    assert in_order(
        out,
        "How do you rotate the log files every night",
        "Write to a stream that reopens its file",
        "That is the part people miss.",
        "Thanks, the reopen on hang-up fixed it.",
    )
    # a block of the same class elsewhere in the template (a teaser of another topic) stays out
    assert "Which cron syntax" not in out
    for chrome in ("Posts:", "Post reply"):
        assert chrome not in out


def test_a_members_letter_avatar_is_no_line_of_the_thread() -> None:
    # Spirit (as Discourse and Flarum): a member without a picture is drawn as their initials
    # on a colour, in a box named for avatars; the letters are chrome, the posts stay
    out = fixture_markdown("forum-letter-avatars")
    assert in_order(
        out,
        "Our allotment society keeps its seed bank",
        "Silica gel sachets in a sealed tin",
        "Powdered milk in a twist of paper",
        "Thank you both.",
    )
    lines = out.splitlines()
    for letters in ("M", "T", "RE"):
        assert letters not in lines
    for chrome in ("report", "like", "3 Mar '24"):
        assert chrome not in lines


def test_a_letter_avatar_is_a_box_of_initials_without_a_picture() -> None:
    body = dom.parse(
        "<html><body><div class='post'>"
        "<span class='avatar'>JD</span><div class='user-avatar'><img class='avatar' src='/a.png' alt=''></div>"
        "<div class='avatar-note'>Avatars are drawn from your initials.</div>"
        "<p>The post's own words, long enough to be a post.</p></div></body></html>"
    ).find("body")
    threads.drop_post_chrome(body)
    text = body.text_content()
    assert "JD" not in text
    assert body.find(".//img") is None  # a picture avatar goes with its frame, as before
    assert "Avatars are drawn from your initials." in text  # more than initials: no avatar


def _bylines(html: str) -> list[tuple[str, str | None]]:
    body = dom.body_of(dom.parse(html))
    return [(found.author, found.date) for found in posts.find_post_bylines(body)]


def _ips_post(number: int, author: str, joined: str, posted: str, text: str) -> str:
    # Invision's layout: the author pane (name, the member's join date) beside the post, whose
    # meta line ("Posted <time>") comes before its text; members who liked it under the text
    return f"""
    <article id="elComment_{number}" class="cPost ipsComment">
      <aside class="ipsComment_author cAuthorPane">
        <h3 class="cAuthorPane_author"><strong><a href="/profile/{author}/">{author}</a></strong></h3>
        <ul class="cAuthorPane_info"><li>Members</li><li><time datetime="x">{joined}</time></li></ul>
      </aside>
      <div class="ipsColumn">
        <div class="ipsComment_meta"><div class="ipsType_reset">Posted
          <a href="#c{number}"><time datetime="x">{posted}</time></a></div></div>
        <div class="cPost_contentWrap"><div data-role="commentContent"><p>{text}</p></div></div>
        <ul class="ipsReact_reactions"><li><a class="ipsType_blendLinks username">quietfox</a></li></ul>
      </div>
    </article>"""


LONG = (
    "The second valve on the left sticks after a cold night, and warming it by hand for a minute"
    " frees it every time."
)


def test_each_post_is_read_with_its_author_and_the_date_before_its_text() -> None:
    html = "<html><body><div class='cTopic'>{}{}{}</div></body></html>".format(
        _ips_post(1, "pennant", "January 7, 2020", "March 3, 2025", LONG),
        _ips_post(2, "harbour light", "April 10, 2009", "March 3, 2025", LONG + " Thanks."),
        _ips_post(3, "pennant", "January 7, 2020", "March 4, 2025", "Good to know."),
    )
    # the post's own date (with the word its line puts before it), not the member's join date;
    # the likers' names are no post's author; a one-line reply gets its line too
    assert _bylines(html) == [
        ("pennant", "Posted March 3, 2025"),
        ("harbour light", "Posted March 3, 2025"),
        ("pennant", "Posted March 4, 2025"),
    ]


def test_a_post_whose_author_card_follows_its_text_gets_no_line() -> None:
    # Stack Exchange's answers: the text, then the signature card with "answered <date>" and
    # the name; the page shows no header above the text
    answer = """
    <div class="answer"><div class="post-layout">
      <div class="s-prose js-post-body"><p>{text}</p></div>
      <div class="post-signature"><div class="user-action-time">answered Jul 18, 2024</div>
        <div class="user-details"><a href="/users/1">{author}</a></div></div>
    </div></div>"""
    html = "<html><body>{}{}</body></html>".format(
        answer.format(text=LONG, author="telcoM"), answer.format(text=LONG, author="ilkkachu")
    )
    assert _bylines(html) == []


def test_a_threads_posts_come_out_under_their_authors_lines() -> None:
    html = "<html><body class='section-viewtopic'><main><div class='cTopic'>{}{}{}</div></main></body></html>".format(
        _ips_post(1, "pennant", "January 7, 2020", "March 3, 2025", LONG),
        _ips_post(2, "harbourlight", "April 10, 2009", "March 3, 2025", LONG + " Thanks."),
        _ips_post(3, "pennant", "January 7, 2020", "March 4, 2025", "Good to know."),
    )
    out = extract_html(html, url="https://forum.test/topic/1").markdown
    assert in_order(
        out,
        "**pennant** · Posted March 3, 2025\n\nThe second valve",
        "**harbourlight** · Posted March 3, 2025\n\nThe second valve",
        "**pennant** · Posted March 4, 2025\n\nGood to know.",
    )
    for chrome in ("January 7, 2020", "Members"):
        assert chrome not in out
    # the same page, not named a thread: the region holds three posts of two members, so they
    # are read as posts all the same
    unnamed = extract_html(
        html.replace("section-viewtopic", "page").replace("Good to know.", LONG),
        url="https://forum.test/topic/1",
    ).markdown
    assert "**pennant** · Posted March 4, 2025\n\nThe second valve" in unnamed
    # ...and not with two: a page of two such blocks is no thread by that alone
    assert (
        "**"
        not in extract_html(
            html.replace("section-viewtopic", "page"), url="https://forum.test/topic/1"
        ).markdown
    )
    # with the step switched off, no post gets a line
    skipped = extract_html(
        html, url="https://forum.test/topic/1", options=Options(skip_steps=("post-bylines",))
    ).markdown
    assert "**pennant**" not in skipped


def test_a_storys_comments_with_their_authors_give_the_story_no_lines() -> None:
    comment = """
    <li class="comment"><article class="comment-body">
      <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">{author}</b></div>
        <div class="comment-metadata"><time datetime="2026-03-03">March 3, 2026</time></div></footer>
      <div class="comment-content"><p>{text}</p></div></article></li>"""
    story = " ".join(
        f"<p>{LONG} Paragraph {n} of the story goes on about the valves.</p>" for n in range(6)
    )
    html = (
        f"<html><body><article class='post'><h1>Valves in winter</h1>{story}</article>"
        f"<section id='comments'><ol class='comment-list'>"
        f"{comment.format(author='pennant', text=LONG)}{comment.format(author='tarn', text=LONG)}"
        f"</ol></section></body></html>"
    )
    out = extract_html(html, url="https://news.test/valves").markdown
    assert "Paragraph 5 of the story" in out
    assert "pennant" not in out and "**tarn**" not in out


def test_an_articles_contributor_notes_are_no_posts() -> None:
    # a report by three contributors, each note opened by its author's name and no date: the
    # page is no thread, so no author lines are made of them
    note = (
        "<section class='contributor'><h3><a class='author-name' href='/people/{name}'>{name}</a>"
        "</h3><div class='note'><p>{text}</p></div></section>"
    )
    notes = "".join(note.format(name=name, text=LONG) for name in ("pennant", "tarn", "wren"))
    html = f"<html><body><article><h1>Valves in winter</h1>{notes}</article></body></html>"
    out = extract_html(html, url="https://news.test/valves").markdown
    assert out.count("The second valve") == 3
    assert "**pennant**" not in out and " · " not in out


def test_posts_laid_out_as_tables_come_out_under_their_authors_lines() -> None:
    # PyBBM: each post a bordered table, a header row of a "#" permalink and the date (named
    # "updated", as hAtom names an entry's date), the author's cell beside the post's; the
    # first post an intro and a list of links to the sections the replies cover
    out = fixture_markdown("forum-table-posts")
    assert in_order(
        out,
        "**ferncombe** · 02 Apr, 2024 08:15\n\nOur clubhouse roof now fills two rain butts",
        "**moss_and_mortar** · 02 Apr, 2024 11:22\n\n## Diverters\n\nA diverter",
        "**hollybank_joe** · 02 Apr, 2024 14:29\n\n> A diverter",
        "## Overflow pipes\n\nWhere there is no drain",
        "**ferncombe** · 02 Apr, 2024 17:36\n\n## Soakaways\n\nIn the end",
    )
    # the first post is mostly its list of links, but a post with its author's line is no
    # link rail: its own words stay, and so does the list its sentence leads into
    assert in_order(out, "What we tried, in order:", "- [Diverters on the downpipes](")
    # the permalink mark, the members' pictures and the header rows' dates went with the lines
    assert "[#]" not in out and "default avatar" not in out
    assert out.count("02 Apr, 2024 08:15") == 1
    for chrome in ("quote selected", "Subscribe", "Submit", "powered by PyBBM"):
        assert chrome not in out


def test_a_posts_date_leaves_a_permalink_mark_before_it() -> None:
    post = (
        "<table class='post'><thead><tr><th><a class='permalink' href='/p/{n}'>#</a> "
        "<span class='updated'>0{n} Apr, 2024</span></th></tr></thead><tbody><tr>"
        "<td class='info'><span class='post-username'>{who}</span></td>"
        "<td class='content'><p>{text}</p></td></tr></tbody></table>"
    )
    html = "<html><body><div class='posts'>{}{}{}</div></body></html>".format(
        post.format(n=1, who="ana", text=LONG),
        post.format(n=2, who="bo", text=LONG),
        post.format(n=3, who="ana", text=LONG),
    )
    # "# 01 Apr, 2024" is the line, the "#" no word of it ("Posted" would be)
    assert _bylines(html) == [
        ("ana", "01 Apr, 2024"),
        ("bo", "02 Apr, 2024"),
        ("ana", "03 Apr, 2024"),
    ]


def _vb_post(author: str, state: str, stamp: str, text: str) -> str:
    # vBulletin 4: the member's name marked by whether they are online; the date in its own
    # header span; a "reading-time" note beside it must not stand for the date
    return f"""
    <li class="postbit postcontainer"><div class="posthead"><span class="postdate"><span
      class="date">{stamp}</span></span><span class="reading-time">1 min read</span></div>
      <div class="userinfo"><a class="username {state} popupctrl" href="/member/{author}">
      <strong>{author}</strong></a></div>
      <div class="postbody"><div class="content"><blockquote class="postcontent">{text}
      </blockquote></div></div></li>"""


def test_a_members_online_state_does_not_split_the_threads_authors() -> None:
    html = "<html><body><ol id='posts'>{}</ol></body></html>".format(
        "".join(
            _vb_post(author, state, f"11-29-2024, 0{n}:03 AM", LONG)
            for n, (author, state) in enumerate(
                [("ana", "offline"), ("bo", "online"), ("ana", "offline"), ("cy", "online")]
            )
        )
    )
    assert _bylines(html) == [
        ("ana", "11-29-2024, 00:03 AM"),
        ("bo", "11-29-2024, 01:03 AM"),
        ("ana", "11-29-2024, 02:03 AM"),
        ("cy", "11-29-2024, 03:03 AM"),
    ]
    # a number is no member's name
    assert [author for author, _ in _bylines(html.replace(">ana<", ">1,234<"))] == ["bo", "cy"]


def _machina_post(number: int, author: str, line: str, text: str) -> str:
    # django-machina's post: the header's line names the author and the date before the text;
    # the side panel with the name (the marked author) is printed after the text
    return f"""
    <div id="{number}" class="card post"><div class="row">
      <div class="col-md-10 post-content-wrapper">
        <h4 class="subject">Re: valves <a href="?post={number}#{number}">&#182;</a></h4>
        <p><small class="text-muted">{line.format(a=f'<a href="/member/{author}/">{author}</a>')}</small></p>
        <div class="post-content"><p>{text}</p></div>
      </div>
      <div class="col-md-2 post-sidebar">
        <div class="username"><a href="/member/{author}/"><b>{author}</b></a></div>
        <div class="posts-count"><b>Posts:</b> 12</div>
      </div>
    </div></div>"""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By: {a} on March 3, 2025, 9 a.m.", ["March 3, 2025, 9 a.m.", "March 4, 2025, 9 a.m."]),
        ("{a}", [None, None]),  # the name alone
    ],
)
def test_a_header_line_naming_the_author_of_a_side_panel_after_the_text(
    line: str, expected: list[str | None]
) -> None:
    html = "<html><body><div class='topic'>{}{}</div></body></html>".format(
        _machina_post(1, "pennant", line.replace("4,", "3,"), LONG),
        _machina_post(2, "harbourlight", line.replace("3,", "4,"), LONG + " Thanks."),
    )
    assert _bylines(html) == [("pennant", expected[0]), ("harbourlight", expected[1])]


@pytest.mark.parametrize(
    "line",
    [
        "Replied to by {a} on March 3, 2025",  # more than a lead before the name
        "By: {a} in the valves section",  # after it, no date
        "By: <a href='/member/someone-else/'>pennant</a> on March 3, 2025",  # another profile
    ],
)
def test_a_header_line_that_is_not_the_authors_gives_no_line(line: str) -> None:
    html = "<html><body><div class='topic'>{}{}</div></body></html>".format(
        _machina_post(1, "pennant", line, LONG),
        _machina_post(2, "harbourlight", line.replace("pennant", "harbourlight"), LONG),
    )
    assert _bylines(html) == []


def test_a_thread_whose_authors_panels_follow_the_text_keeps_its_header_lines() -> None:
    out = fixture_markdown("forum-header-line-authors")
    assert in_order(
        out,
        "**ferrywoman** · April 2, 2025, 8:40 a.m.\n\nIs there a way",
        "**knotwell** · April 2, 2025, 10:15 a.m.\n\nOpen the month view",
        "**ferrywoman** · April 2, 2025, 6:02 p.m.\n\nThe month view did it.",
    )
    for chrome in ("By:", "Posts:", "Post reply", "Board index"):
        assert chrome not in out


def _story_with_comments(byline: str, commenter: str, above: str = "") -> str:
    """A post (or story) with its byline, then a comment section of three members' replies;
    ``commenter`` is the link markup of a reply's author ({name} in it)."""
    replies = "".join(
        f"<li class='comment'><div class='comment-meta'>{commenter.format(name=name)}</div>"
        f"<p>{LONG}</p></li>"
        for name in ("kestrel", "tidewater", "maplewood")
    )
    return (
        f"<html><body>{above}<main><article><h1>Release notes</h1><div class='meta'>{byline}</div>"
        f"<p>{LONG} {LONG}</p></article><ul class='comments'>{replies}</ul></main></body></html>"
    )


MEMBER = "<a class='person-listing text-info' href='/u/{name}'>{name}</a>"


@pytest.mark.parametrize(
    ("byline", "commenter", "above", "alike"),
    [
        # a link aggregator: the post's author and its commenters linked alike
        (MEMBER.format(name="harbormaster"), MEMBER, "", True),
        # a story: its author linked otherwise than its commenters
        ("<a class='byline-author' href='/authors/ana'>Ana Ruiz</a>", MEMBER, "", False),
        # commenters linking to their own sites, not to members' pages
        (
            "<a class='url' href='https://ana.example/'>Ana</a>",
            "<a class='url' href='https://{name}.example/'>{name}</a>",
            "",
            False,
        ),
        # the same kind of link above, but in a sidebar of recent comments
        (
            "<a class='byline-author' href='/authors/ana'>Ana Ruiz</a>",
            MEMBER,
            "<aside class='widget recent-comments'>" + MEMBER.format(name="kestrel") + "</aside>",
            False,
        ),
    ],
)
def test_a_post_authored_like_its_replies(
    byline: str, commenter: str, above: str, alike: bool
) -> None:
    body = dom.body_of(dom.parse(_story_with_comments(byline, commenter, above)))
    comments = body.findall(".//ul[@class='comments']")
    in_rail = boilerplate.in_rail
    assert threads.authored_like_its_replies(body, comments, in_rail) is alike


def test_replies_by_one_member_are_no_thread_of_members() -> None:
    html = _story_with_comments(MEMBER.format(name="kestrel"), MEMBER.replace("{name}", "kestrel"))
    body = dom.body_of(dom.parse(html))
    comments = body.findall(".//ul[@class='comments']")
    assert not threads.authored_like_its_replies(body, comments, boilerplate.in_rail)


def test_a_link_aggregators_post_keeps_its_comment_tree() -> None:
    # Lemmy: the post and every comment name their author by one kind of link; the comments
    # hold less of the page's prose than a thread's replies usually do
    out = fixture_markdown("forum-member-links-alike")
    assert in_order(
        out,
        "Thanks to everyone who tested",
        "The new sort by controversial",
        "Same here. Does it count votes",
        "Both, unless the instance",
        "Scheduled posts are a lovely touch.",
    )
    for chrome in ("Type here to comment", "Subscribe", "Create post"):
        assert chrome not in out


TRACKER_POSTS = ("Our studio and the one across", "We did it for three years", "Agree on the log")


def test_a_trackers_board_keeps_its_two_replies_without_their_subject_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a project tracker's forum (Redmine's boards): the topic and each reply name their author
    # by one kind of link; each reply's header repeats the subject ("RE: ...") with its author
    # and date; the page's layout classes ("has-main-menu" on <body>, "nosidebar") name no rail
    html = (PAGES / "forum-tracker-board" / "index.html").read_text(encoding="utf-8")
    page = extract_html(html, url="https://pages.test/forum-tracker-board/")
    assert in_order(page.markdown, *TRACKER_POSTS)
    assert "RE: Sharing" not in page.markdown and "Added by" not in page.markdown
    # the <title> is "Topic - Project - Tracker"; the topic is also the page's <h2>
    assert page.metadata.title == "Sharing a kiln between two studios"
    monkeypatch.setattr(cleanup, "REPLY_PREFIXES", frozenset())
    assert "RE: Sharing a kiln" in fixture_markdown("forum-tracker-board")
    monkeypatch.setattr(threads, "MEMBER_LINKS_MIN", 3)  # two replies do not make a thread
    assert "Agree on the log" not in fixture_markdown("forum-tracker-board")


def test_one_reply_subject_is_no_thread_chrome() -> None:
    # a single heading "Re: <title>" (a mail quoted in an article) stays
    body = dom.parse(
        "<html><body><div><h3>Re: Harbour plan</h3><p>The letter in full.</p></div></body></html>"
    ).find(".//body/div")
    assert cleanup._reply_subjects(body, "Harbour plan") == []


def test_the_pages_own_layout_classes_name_no_rail() -> None:
    doc = dom.parse(
        "<html><body class='has-main-menu'><div id='main' class='nosidebar'><p><a>x</a></p>"
        "</div><div class='sidebar'><a>y</a></div></body></html>"
    )
    first, second = doc.iter("a")
    assert not boilerplate.in_rail(first) and boilerplate.in_rail(second)


def test_a_long_discussion_under_a_marked_article_body_stays_comments() -> None:
    # a photo post of one sentence (div.hentry > div.entry-content) over a comment list holding
    # nearly all the page's prose: the page marks its article body apart from the comments, so
    # they are a discussion under the post, not the posts of a thread
    out = fixture_markdown("article-photo-post-long-comments")
    assert out.startswith("After the first set of sample pictures")
    assert "![Close-up of a flower]" in out
    for comment in ("These look sharp wide open", "I rented one for a weekend", "kestrel_m"):
        assert comment not in out


def test_without_the_marked_body_the_comments_made_a_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(boilerplate, "_article_body_apart", lambda body, comments: False)
    assert "I rented one for a weekend" in fixture_markdown("article-photo-post-long-comments")


def test_a_questions_post_controls_and_answer_form_go() -> None:
    # Askbot: each post's bar of controls (div.js-post-controls: edit, flag, close, delete, a
    # permalink) and the new-answer form under its "Your Answer" heading are no post's text
    out = fixture_markdown("forum-question-post-controls")
    assert in_order(
        out,
        "My loaves rise well on the bench",
        "What should I change first?",
        "Three hours at 24 degrees is most likely too long",
        "Also look at your shaping.",
    )
    for chrome in ("edit", "flag offensive", "close", "delete", "link", "Your Answer",
                   "This space is reserved", "Add Answer"):  # fmt: skip
        assert not re.search(rf"^(?:\[|## )?{chrome}", out, re.M), chrome


@pytest.mark.parametrize(
    "names",
    [
        "js-question-controls js-post-controls",
        "post-controls",
        "comment-controls",
        "new-answer-form",
        "postcontrols",
        "comment_controls",
    ],
)
def test_a_posts_control_bar_and_an_answer_form_are_named_boilerplate(names: str) -> None:
    assert boilerplate.names_boilerplate(names)


def test_a_relative_post_date_is_written_as_the_absolute_one_the_page_gives() -> None:
    # XenForo prints "Yesterday at 10:01 AM" with the time itself in its title and datetime:
    # a note keeps the absolute one (the title as written, else the datetime)
    out = fixture_markdown("forum-relative-post-dates")
    assert "**hollis** · May 27, 2025 at 10:01 AM" in out
    assert "**hollis** · May 28, 2025 at 9:55 AM" in out
    assert "**devonr** · 2025-05-28 09:58" in out  # no title: the datetime
    assert "Yesterday" not in out and "Today" not in out and "ago" not in out


@pytest.mark.parametrize(
    ("markup", "written"),
    [
        ('<span title="Sep 16, 2019 16:10:39">posted 6 years ago</span>', "Sep 16, 2019 16:10:39"),
        ('<a title="2024-07-18 13:41:24Z">1 year, 7 months ago</a>', "2024-07-18 13:41"),
        ('<time datetime="2024-03-06">2 years ago</time>', "2024-03-06"),
        ('<span title="a tooltip">2 years ago</span>', "2 years ago"),  # no date in it
        ('<time datetime="2024-03-06" title="Mar 6">Mar 6, 2024</time>', "Mar 6, 2024"),
        # the relative one is rewritten, not an absolute date before it
        (
            '<span>Posted <time datetime="2024-01-01T10:00:00Z">Jan 1, 2024</time>, edited '
            '<time datetime="2024-01-02T08:00:00Z">2 hours ago</time></span>',
            "Posted Jan 1, 2024, edited 2024-01-02 08:00",
        ),
    ],
)
def test_absolute_post_dates(markup: str, written: str) -> None:
    el = dom.parse(f"<html><body>{markup}</body></html>").find("body")[0]
    assert posts._absolute(dom.fold(el.text_content()), el) == written
