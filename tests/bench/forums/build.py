"""Build the forum corpus: Markdown documents as discussion threads of real forum engines.

Each document (MIT-licensed Markdown of two npm packages, licences in corpus/README.md) is split
into three to eight posts, a post per section (adjacent sections joined when there are more than
eight), written by invented members; some replies quote the first paragraph of the post before
them, as the engine quotes. Each engine, installed from PyPI into its own virtualenv, gets a
throwaway Django project on SQLite in the work folder (Askbot, a question-and-answer site, the
first post its question and the others its answers); the threads are posted through the engine's
own models and forms (so its Markdown renders them as it would a member's post), then every
thread page is fetched with Django's test client, signed in as a member who reads it, and saved
gzipped as ``corpus/html/<engine>/<doc>.html.gz``. The truth, ``corpus/truth/<doc>.md``, is the
thread's subject as a level-1 heading, then the posts' Markdown in order, a quoted passage as a
blockquote (the reader sees it in the reply); user names, dates, member stats, signatures, quote
headers ("@name said:") and buttons are not in it. ``corpus/truth/<doc>.posts.json`` lists the
posts' Markdown one by one; ``corpus/urls.json`` each page's address.

  python -m tests.bench.forums.build [--work /tmp/extractor-forums-build] [--only spirit ...]
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tarfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.bench.blogs.build import article
from tests.bench.docs.build import Doc, build_main, pyenv, redmine_site, run, save

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
BASE = "http://forum.test"
# the documents: (document id, npm package, path in the package); licences in corpus/README.md
SOURCES = (
    ("pino-bundling", "pino@9.14.0", "docs/bundling.md"),
    ("pino-web", "pino@9.14.0", "docs/web.md"),
    ("pino-browser", "pino@9.14.0", "docs/browser.md"),
    ("pino-pretty", "pino@9.14.0", "docs/pretty.md"),
    ("pino-diagnostics", "pino@9.14.0", "docs/diagnostics.md"),
    ("pino-lts", "pino@9.14.0", "docs/lts.md"),
    ("fastify-write-type-provider", "fastify@5.12.8", "docs/Guides/Write-Type-Provider.md"),
    ("fastify-fluent-schema", "fastify@5.12.8", "docs/Guides/Fluent-Schema.md"),
    ("fastify-benchmarking", "fastify@5.12.8", "docs/Guides/Benchmarking.md"),
    ("fastify-database", "fastify@5.12.8", "docs/Guides/Database.md"),
    ("fastify-testing", "fastify@5.12.8", "docs/Guides/Testing.md"),
    # also articles of the blog corpus
    ("pino-redaction", "pino@9.14.0", "docs/redaction.md"),
    ("pino-child-loggers", "pino@9.14.0", "docs/child-loggers.md"),
    (
        "fastify-detecting-when-clients-abort",
        "fastify@5.12.8",
        "docs/Guides/Detecting-When-Clients-Abort.md",
    ),
)
PIP = {
    "machina": ["django-machina==1.3.1", "Django==4.2.30"],
    "spirit": ["django-spirit==0.14.3", "Django==4.2.30"],
    # pybbm's last release imports django.utils.six and loads the staticfiles tag library (both
    # gone in Django 3.0) and builds Python-Markdown with safe_mode (gone in Markdown 3.0)
    "pybbm": ["pybbm==0.19.0", "Django==2.2.28", "Markdown==2.6.11", "django-annoying==0.10.8"],
    "askbot": ["askbot==0.13.0"],
}
# invented members; the first of a thread's three starts it, the others answer in turn
MEMBERS = ("marta_k", "ollie.dev", "sanjay_r", "lin_wei", "quietfox", "harbor_ray", "nadia.p")
READER = "reader_jo"  # the signed-in member the pages are fetched as
MIN_POSTS, MAX_POSTS = 3, 8
LONG = 2000  # characters of Markdown


# --- the threads ---------------------------------------------------------------------------


@dataclass
class ForumPost:
    """One post: its author, its own Markdown, and the passage it quotes (with whose it is)."""

    author: str
    markdown: str
    quote_author: str = ""
    quote: str = ""

    def truth(self) -> str:
        """The post as the reader sees its text: the quoted passage, then the post."""
        if not self.quote:
            return self.markdown
        return _blockquote(self.quote) + "\n\n" + self.markdown


@dataclass
class Thread:
    doc: Doc
    posts: list[ForumPost]

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def title(self) -> str:
        return self.doc.title

    def truth(self) -> str:
        return f"# {self.title}\n\n" + "\n\n".join(p.truth() for p in self.posts) + "\n"


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())


_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})[ \t]+\S")
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>`]*)?/?>")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


def _without_html(line: str) -> str:
    """The line without raw HTML tags (outside code spans): the engines escape or remove a
    member's HTML, and members write Markdown."""
    out, last = [], 0
    for span in _CODE_SPAN.finditer(line):
        out.append(_TAG.sub("", line[last : span.start()]))
        out.append(span.group(0))
        last = span.end()
    out.append(_TAG.sub("", line[last:]))
    return "".join(out)


def _lines(body: str) -> list[tuple[str, bool]]:
    """The body's lines, each with whether it is inside a fenced code block."""
    out = []
    fenced = False
    for line in body.splitlines():
        if _FENCE.match(line):
            out.append((line, True))
            fenced = not fenced
            continue
        out.append((line, fenced))
    return out


def sections(body: str) -> list[str]:
    """The body cut before every heading of its highest level (outside code); raw HTML out."""
    lines = _lines(body)
    levels = [len(m.group(1)) for line, code in lines if not code and (m := _HEADING.match(line))]
    top = min(levels, default=0)
    parts: list[list[str]] = [[]]
    for line, code in lines:
        m = None if code else _HEADING.match(line)
        if m and len(m.group(1)) == top and any(s.strip() for s in parts[-1]):
            parts.append([])
        parts[-1].append(line if code else _without_html(line))
    texts = [re.sub(r"\n{3,}", "\n\n", "\n".join(p)).strip("\n") for p in parts]
    return [t for t in texts if t.strip()]


def _paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines outside code fences."""
    blocks: list[list[str]] = [[]]
    for line, code in _lines(text):
        if not line.strip() and not code:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    return ["\n".join(b) for b in blocks if b]


def _words(text: str) -> int:
    return len(text.split())


def post_texts(body: str) -> list[str]:
    """Three to eight posts: one per section; the smallest neighbours joined while there are
    more than eight; the longest post cut at a paragraph while there are fewer than three, or
    while one is longer than a post usually is (and there are fewer than eight)."""
    posts = sections(body)
    while len(posts) > MAX_POSTS:
        sizes = [_words(posts[i]) + _words(posts[i + 1]) for i in range(len(posts) - 1)]
        i = sizes.index(min(sizes))
        posts[i : i + 2] = [posts[i] + "\n\n" + posts[i + 1]]
    while True:
        longest = max(range(len(posts)), key=lambda i: len(posts[i]))
        if len(posts) >= MIN_POSTS and (len(posts) >= MAX_POSTS or len(posts[longest]) <= LONG):
            break
        paras = _paragraphs(posts[longest])
        if len(paras) < 2:
            break
        total, half, cut = _words(posts[longest]), 0, 1
        for j, para in enumerate(paras[:-1]):
            half += _words(para)
            cut = j + 1
            if half >= total / 2:
                break
        posts[longest : longest + 1] = ["\n\n".join(paras[:cut]), "\n\n".join(paras[cut:])]
    return posts


def _quotable(markdown: str) -> str:
    """The post's first plain paragraph (not a heading, code, list, table or quote), if any."""
    for para in _paragraphs(markdown):
        first = para.lstrip()
        if first and not re.match(r"(#|```|~~~|[-*+] |\d+[.)] |\||>|\s{4})", para):
            return para
    return ""


def thread_of(doc: Doc, number: int) -> Thread:
    """The document as a thread: three members take turns; every third reply quotes the
    first paragraph of the post it answers."""
    members = [MEMBERS[(number + k) % len(MEMBERS)] for k in range(3)]
    posts: list[ForumPost] = []
    for i, text in enumerate(post_texts(doc.body)):
        post = ForumPost(members[i % len(members)], text)
        if i % 3 == 2:
            quoted = _quotable(posts[-1].markdown)
            if quoted:
                post.quote_author, post.quote = posts[-1].author, quoted
        posts.append(post)
    return Thread(doc, posts)


def unpacked(folder: Path, spec: str) -> Path:
    """The npm package ``spec`` unpacked in ``folder`` (fetched once)."""
    package = spec.rsplit("@", 1)[0]
    root = folder / spec
    if not root.exists():
        folder.mkdir(parents=True, exist_ok=True)
        run(["npm", "pack", "--silent", spec], folder)
        tarball = next(folder.glob(f"{package}-*.tgz"))
        with tarfile.open(tarball) as tar:
            tar.extractall(folder / "x", filter="data")
        (folder / "x" / "package").rename(root)
        tarball.unlink()
    return root


def collect_sources(work: Path) -> list[Thread]:
    truth = CORPUS / "truth"
    truth.mkdir(parents=True, exist_ok=True)
    threads = []
    for number, (doc_id, spec, path) in enumerate(SOURCES):
        root = unpacked(work / "sources", spec)
        thread = thread_of(Doc(doc_id, article((root / path).read_text("utf-8"))), number)
        (truth / f"{doc_id}.md").write_text(thread.truth(), "utf-8")
        posts = [p.truth() for p in thread.posts]
        (truth / f"{doc_id}.posts.json").write_text(json.dumps(posts, indent=1) + "\n", "utf-8")
        threads.append(thread)
    return threads


def load_posts(corpus: Path = CORPUS) -> dict[str, list[str]]:
    """``{doc: [post Markdown, ...]}`` as the reader sees each post (quoted passage included)."""
    return {
        p.name.removesuffix(".posts.json"): json.loads(p.read_text("utf-8"))
        for p in sorted((corpus / "truth").glob("*.posts.json"))
    }


def page_url(engine: str, doc: str) -> str:
    urls = json.loads((CORPUS / "urls.json").read_text("utf-8"))
    return BASE + str(urls[engine][doc])


# --- the engines ---------------------------------------------------------------------------

_MACHINA_SETTINGS = """\
from pathlib import Path

from machina import MACHINA_MAIN_STATIC_DIR, MACHINA_MAIN_TEMPLATE_DIR

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "build-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
TIME_ZONE = "UTC"
INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
    "mptt", "haystack", "widget_tweaks",
    "machina", "machina.apps.forum", "machina.apps.forum_conversation",
    "machina.apps.forum_conversation.forum_attachments",
    "machina.apps.forum_conversation.forum_polls", "machina.apps.forum_feeds",
    "machina.apps.forum_moderation", "machina.apps.forum_search",
    "machina.apps.forum_tracking", "machina.apps.forum_member", "machina.apps.forum_permission",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "machina.apps.forum_permission.middleware.ForumPermissionMiddleware",
]
ROOT_URLCONF = "forumsite.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [MACHINA_MAIN_TEMPLATE_DIR],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.debug", "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "machina.core.context_processors.metadata",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
STATIC_URL = "/static/"
STATICFILES_DIRS = [MACHINA_MAIN_STATIC_DIR]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "machina_attachments": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(BASE_DIR / "attachments-cache"),
    },
}
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
MACHINA_FORUM_NAME = "Node Servers Forum"
# the default markup (markdown2, safe mode, line breaks kept) with fenced code and tables on
MACHINA_MARKUP_LANGUAGE = ("machina.core.markdown.markdown", {
    "safe_mode": True,
    "extras": {"break-on-newline": True, "fenced-code-blocks": None, "tables": None},
})
MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS = [
    "can_see_forum", "can_read_forum", "can_start_new_topics", "can_reply_to_topics",
    "can_edit_own_posts", "can_post_without_approval", "can_create_polls", "can_vote_in_polls",
    "can_download_file",
]
"""

_MACHINA_URLS = """\
from django.urls import include, path
from machina import urls as machina_urls

urlpatterns = [path("forum/", include(machina_urls))]
"""

# The end of every Django engine's script: each thread page fetched as the signed-in reader
# (``reader``), following a redirect to the thread's own address, into ``out/`` with the
# addresses in ``out/urls.json``.
_SAVE_AS_READER = """\
client = Client()
client.force_login(reader)
os.makedirs("out", exist_ok=True)
for doc, url in urls.items():
    response = client.get(url, follow=True)
    assert response.status_code == 200, (url, response.status_code)
    open(f"out/{doc}.html", "w", encoding="utf-8").write(response.content.decode("utf-8"))
json.dump(urls, open("out/urls.json", "w"), indent=1)
"""


# runs in the engine's virtualenv, in the project folder: posts the threads, saves the pages
_MACHINA_POST = (
    """\
import datetime, json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "forumsite.settings"
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic
from machina.apps.forum_member.models import ForumProfile
from machina.conf import settings as machina_settings

threads = json.load(open("threads.json"))
users = {}
def user(name):
    if name not in users:
        users[name] = User.objects.create_user(name, f"{name}@forum.test", "pw")
        ForumProfile.objects.get_or_create(user=users[name])
    return users[name]
reader = user(sys.argv[1])
category = Forum.objects.create(name="Node.js", type=Forum.FORUM_CAT)
forum = Forum.objects.create(
    parent=category, name="Logging and servers", type=Forum.FORUM_POST,
    description="Questions and notes about Pino and Fastify",
)
start = datetime.datetime(2024, 3, 4, 9, 0, tzinfo=datetime.timezone.utc)
urls = {}
for n, thread in enumerate(threads):
    first = thread["posts"][0]
    topic = Topic.objects.create(
        forum=forum, poster=user(first["author"]), subject=thread["title"],
        type=Topic.TOPIC_POST, status=Topic.TOPIC_UNLOCKED, approved=True,
    )
    for i, post in enumerate(thread["posts"]):
        content = post["markdown"]
        if post["quote"]:  # machina has no quote button: members quote in Markdown
            content = "\\n".join("> " + line for line in post["quote"].splitlines())
            content += "\\n\\n" + post["markdown"]
        subject = thread["title"] if i == 0 else (
            f"{machina_settings.TOPIC_ANSWER_SUBJECT_PREFIX} {thread['title']}")
        made = Post.objects.create(
            topic=topic, poster=user(post["author"]), subject=subject, content=content,
            approved=True, enable_signature=True,
        )
        when = start + datetime.timedelta(days=n, hours=3 * i, minutes=7 * i)
        Post.objects.filter(pk=made.pk).update(created=when, updated=when)
        profile = ForumProfile.objects.get(user=made.poster)
        profile.posts_count += 1
        profile.save()
    topic.update_trackers()
    urls[thread["id"]] = reverse("forum_conversation:topic", kwargs={
        "forum_slug": forum.slug, "forum_pk": forum.pk, "slug": topic.slug, "pk": topic.pk})
"""
    + _SAVE_AS_READER
)

_SPIRIT_POST = (
    """\
import datetime, json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "forumsite.settings.dev"
import django
django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
from django.contrib.auth.models import User
from django.test import Client
from spirit.category.models import Category
from spirit.comment.forms import CommentForm
from spirit.comment.models import Comment
from spirit.comment.utils import comment_posted
from spirit.core.utils import markdown
from spirit.topic.forms import TopicForm
from spirit.topic.models import Topic

threads = json.load(open("threads.json"))
users = {}
def user(name):
    if name not in users:
        users[name] = User.objects.create_user(name, f"{name}@forum.test", "pw")
        users[name].st.is_verified = True
        users[name].st.save()
    return users[name]
reader = user(sys.argv[1])
category = Category.objects.create(
    title="Logging and servers", description="Questions and notes about Pino and Fastify")
start = datetime.datetime(2024, 3, 4, 9, 0, tzinfo=datetime.timezone.utc)
urls = {}
for n, thread in enumerate(threads):
    first = thread["posts"][0]
    form = TopicForm(user=user(first["author"]),
                     data={"title": thread["title"], "category": category.pk})
    assert form.is_valid(), form.errors
    topic = form.save()
    for i, post in enumerate(thread["posts"]):
        text = post["markdown"]
        if post["quote"]:  # the quote button's text, then the reply
            text = markdown.quotify(post["quote"], user(post["quote_author"]).st.nickname) + text
        cform = CommentForm(user=user(post["author"]), topic=topic, data={"comment": text})
        assert cform.is_valid(), cform.errors
        comment = cform.save()
        comment_posted(comment=comment, mentions=cform.mentions)
        when = start + datetime.timedelta(days=n, hours=3 * i, minutes=7 * i)
        Comment.objects.filter(pk=comment.pk).update(date=when)
    topic.refresh_from_db()
    urls[thread["id"]] = topic.get_absolute_url()
"""
    + _SAVE_AS_READER
)


_PYBBM_SETTINGS = """\
import inspect
from pathlib import Path

# pybbm 0.19.0 reads arguments with inspect.getargspec, gone in Python 3.11: the same answer
inspect.getargspec = inspect.getfullargspec

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "build-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
TIME_ZONE = "UTC"
INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.sites",
    "django.contrib.staticfiles", "pybb",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "pybb.middleware.PybbMiddleware",
]
ROOT_URLCONF = "forumsite.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.debug", "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "django.template.context_processors.i18n", "django.template.context_processors.static",
        "django.template.context_processors.tz", "pybb.context_processors.processor",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(BASE_DIR / "db.sqlite3")}}
SITE_ID = 1
STATIC_URL = "/static/"
LOGIN_URL = "/accounts/login/"
PYBB_DEFAULT_TITLE = "Node Servers Forum"
PYBB_MARKUP = "markdown"
"""

_PYBBM_URLS = """\
from django.conf.urls import include, url

urlpatterns = [url(r"^forum/", include("pybb.urls", namespace="pybb"))]
"""

# the host site's layout: pybbm ships none (its PYBB_TEMPLATE is the site's "base.html")
_PYBBM_BASE = """\
{% load i18n %}<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{% block title %}{% endblock %} | Node Servers Forum</title>
  <link rel="stylesheet" href="/static/site.css">
  {% block extra_style %}{% endblock %}
  {% block extra_head %}{% endblock %}
</head>
<body>
<div class="navbar navbar-fixed-top"><div class="navbar-inner"><div class="container">
  <a class="brand" href="{% url 'pybb:index' %}">Node Servers Forum</a>
  <ul class="nav">
    <li><a href="{% url 'pybb:index' %}">Forums</a></li>
    <li><a href="{% url 'pybb:topic_latest' %}">Latest topics</a></li>
    <li><a href="{% url 'pybb:feed_topics' %}">Feed</a></li>
  </ul>
  <ul class="nav pull-right">
    {% if user.is_authenticated %}
    <li><a href="{% url 'pybb:user' user.get_username %}">{{ user.get_username }}</a></li>
    <li><a href="{% url 'pybb:edit_profile' %}">{% trans 'Profile' %}</a></li>
    <li><a href="/accounts/logout/">{% trans 'Log out' %}</a></li>
    {% endif %}
  </ul>
</div></div></div>
<div class="container">
  {% block breadcrumb %}{% endblock breadcrumb %}
  {% block content %}{% endblock content %}
</div>
<footer class="footer"><div class="container">
  <p>Node Servers Forum &middot; powered by PyBBM</p>
</div></footer>
<script src="/static/jquery.min.js"></script>
{% block extra_script %}{% endblock %}
</body>
</html>
"""

_PYBBM_POST = (
    """\
import datetime, json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "forumsite.settings"
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth.models import User
from django.test import Client
from pybb import util
from pybb.forms import PostForm
from pybb.models import Category, Forum, Post, Topic

threads = json.load(open("threads.json"))
users = {}
def user(name):
    if name not in users:
        users[name] = User.objects.create_user(name, f"{name}@forum.test", "pw")
    return users[name]
reader = user(sys.argv[1])
category = Category.objects.create(name="Node.js")
forum = Forum.objects.create(
    category=category, name="Logging and servers",
    description="Questions and notes about Pino and Fastify",
)
quoter = util.get_markup_engine()
start = datetime.datetime(2024, 3, 4, 9, 0, tzinfo=datetime.timezone.utc)
urls = {}
for n, thread in enumerate(threads):
    topic = None
    for i, post in enumerate(thread["posts"]):
        body = post["markdown"]
        if post["quote"]:  # what the quote link puts in the editor, then the reply
            body = quoter.quote(post["quote"], post["quote_author"]) + "\\n" + body
        if topic is None:
            form = PostForm(user=user(post["author"]), ip="127.0.0.1", forum=forum,
                            may_create_poll=False, data={"name": thread["title"], "body": body})
        else:
            form = PostForm(user=user(post["author"]), ip="127.0.0.1", topic=topic,
                            data={"body": body})
        assert form.is_valid(), form.errors
        made, topic = form.save()
        when = start + datetime.timedelta(days=n, hours=3 * i, minutes=7 * i)
        Post.objects.filter(pk=made.pk).update(created=when)
    Topic.objects.filter(pk=topic.pk).update(created=start + datetime.timedelta(days=n))
    urls[thread["id"]] = topic.get_absolute_url()
"""
    + _SAVE_AS_READER
)


def _threads_json(threads: list[Thread]) -> str:
    return json.dumps(
        [{"id": t.id, "title": t.title, "posts": [asdict(p) for p in t.posts]} for t in threads],
        indent=1,
    )


def _post_and_save(engine: str, site: Path, bin_dir: Path, threads: list[Thread]) -> None:
    (site / "threads.json").write_text(_threads_json(threads), "utf-8")
    run([str(bin_dir / "python"), "post_threads.py", READER], site)
    _save_pages(engine, site, threads)


def _save_pages(engine: str, site: Path, threads: list[Thread]) -> None:
    """The thread pages the engine's script left in ``out/`` into the corpus, and their
    addresses into ``urls.json``."""
    urls = json.loads((site / "out" / "urls.json").read_text("utf-8"))
    for thread in threads:
        save(engine, thread.doc, (site / "out" / f"{thread.id}.html").read_text("utf-8"), CORPUS)
    path = CORPUS / "urls.json"
    known = json.loads(path.read_text("utf-8")) if path.exists() else {}
    known[engine] = urls
    path.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n", "utf-8")


def build_machina(work: Path, threads: list[Thread]) -> None:
    """django-machina (phpBB-like boards) with its own board theme, as its docs set it up."""
    bin_dir = pyenv(work / "machina-env", PIP["machina"])
    site = work / "machina"
    shutil.rmtree(site, ignore_errors=True)
    (site / "forumsite").mkdir(parents=True)
    (site / "forumsite" / "__init__.py").write_text("")
    (site / "forumsite" / "settings.py").write_text(_MACHINA_SETTINGS)
    (site / "forumsite" / "urls.py").write_text(_MACHINA_URLS)
    (site / "post_threads.py").write_text(_MACHINA_POST)
    _post_and_save("machina", site, bin_dir, threads)


def build_spirit(work: Path, threads: list[Thread]) -> None:
    """django-spirit (Discourse-like) from `spirit startproject`, its development settings."""
    bin_dir = pyenv(work / "spirit-env", PIP["spirit"])
    site = work / "spirit"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    # the command runs the virtualenv's django-admin
    path = {"PATH": f"{bin_dir}:{os.environ['PATH']}"}
    run([str(bin_dir / "spirit"), "startproject", "forumsite", "--path", str(site)], work, path)
    # a post may be longer than the default 3,000 characters (a setting of Spirit's)
    with (site / "forumsite" / "settings" / "dev.py").open("a") as settings:
        settings.write("\nST_COMMENT_MAX_LEN = 12000\n")
    (site / "post_threads.py").write_text(_SPIRIT_POST)
    _post_and_save("spirit", site, bin_dir, threads)


def build_pybbm(work: Path, threads: list[Thread]) -> None:
    """pybbm (PyBB Modified: posts in bordered tables, the author's cell beside the post) with
    its own templates in a plain host layout, posts in Markdown (``PYBB_MARKUP``)."""
    bin_dir = pyenv(work / "pybbm-env", PIP["pybbm"])
    site = work / "pybbm"
    shutil.rmtree(site, ignore_errors=True)
    (site / "forumsite").mkdir(parents=True)
    (site / "templates").mkdir()
    (site / "forumsite" / "__init__.py").write_text("")
    (site / "forumsite" / "settings.py").write_text(_PYBBM_SETTINGS)
    (site / "forumsite" / "urls.py").write_text(_PYBBM_URLS)
    (site / "templates" / "base.html").write_text(_PYBBM_BASE)
    (site / "post_threads.py").write_text(_PYBBM_POST)
    _post_and_save("pybbm", site, bin_dir, threads)


_ASKBOT_POST = (
    """\
import datetime, json, os, sys
sys.path.insert(0, ".")
os.environ["DJANGO_SETTINGS_MODULE"] = "qaproj.settings"
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from askbot.conf import settings as askbot_settings
from askbot.models import Post
from django.contrib.auth.models import User
from django.test import Client

# a thread's members answer more than once (each post of the document is an answer)
askbot_settings.update("LIMIT_ONE_ANSWER_PER_USER", False)
threads = json.load(open("threads.json"))
users = {}
def user(name):
    if name not in users:
        users[name] = User.objects.create_user(name, f"{name}@forum.test", "pw")
        users[name].reputation = 1000  # (links and pictures in a post need some)
        users[name].save()
    return users[name]
reader = user(sys.argv[1])
start = datetime.datetime(2024, 3, 4, 9, 0, tzinfo=datetime.timezone.utc)
urls = {}
for n, thread in enumerate(threads):
    first, *rest = thread["posts"]
    question = user(first["author"]).post_question(
        title=thread["title"], body_text=first["markdown"], tags="pino fastify")
    posts = [question]
    for post in rest:
        text = post["markdown"]
        if post["quote"]:  # a Markdown blockquote of the passage: Askbot has no quote button
            text = "\\n".join("> " + line for line in post["quote"].splitlines()) + "\\n\\n" + text
        posts.append(user(post["author"]).post_answer(question=question, body_text=text))
    for i, post in enumerate(posts):
        when = start + datetime.timedelta(days=n, hours=3 * i, minutes=7 * i)
        Post.objects.filter(pk=post.pk).update(added_at=when)
    urls[thread["id"]] = question.get_absolute_url()
"""
    + _SAVE_AS_READER
)


def build_askbot(work: Path, threads: list[Thread]) -> None:
    """Askbot (a question-and-answer site, as StackExchange's): the project ``askbot-setup``
    makes on SQLite, the first post the question and every other an answer."""
    bin_dir = pyenv(work / "askbot-env", PIP["askbot"])
    site = work / "askbot-site"  # (a folder named as a module it imports is refused)
    shutil.rmtree(site, ignore_errors=True)
    setup = [
        str(bin_dir / "askbot-setup"), "-r", str(site), "--proj-name", "qaproj",
        "--db-engine", "sqlite", "--db-name", str(site / "qa.sqlite3"),
        "--admin-name", "admin", "--admin-email", "admin@forum.test",
        "--domain-name", "forum.test", "--noinput",
    ]  # fmt: skip
    run(setup, work)
    with (site / "qaproj" / "settings.py").open("a") as settings:
        settings.write('\nALLOWED_HOSTS = ["*"]\n')  # (the setup allows the domain alone)
    (site / "post_threads.py").write_text(_ASKBOT_POST)
    _post_and_save("askbot", site, bin_dir, threads)


# The Ruby that both Redmine scripts share: the settings and the members (made on first use),
# the reply's text as the Quote link writes it (`quoted_by`: its header line), and the pages
# saved as a visitor fetches them.
_REDMINE_HEAD = r"""require "json"
require "securerandom"
i18n = Object.new.extend(Redmine::I18n)
Setting.text_formatting = "common_mark"
Setting.default_language = "en"
Setting.user_format = :username
threads = JSON.parse(File.read("threads.json"))
users = {}
member = lambda do |name|
  users[name] ||= begin
    u = User.new(firstname: name, lastname: "Member", mail: "#{name.tr('.', '_')}@forum.test")
    u.login = name
    u.password = SecureRandom.hex(16)
    u.save!
    u
  end
end
quoting = lambda do |head, post|
  "#{head}\n> " + post["quote"].strip.gsub(/(\r?\n|\r\n?)/, "\n> ") + "\n\n" + post["markdown"]
end
start = Time.utc(2024, 3, 4, 9, 0)
urls = {}
"""
_REDMINE_SAVE = r"""session = ActionDispatch::Integration::Session.new(Rails.application)
session.host! "forum.test"
Dir.mkdir("out") unless Dir.exist?("out")
urls.each do |doc, url|
  session.get url
  raise "#{url}: #{session.response.status}" unless session.response.status == 200
  File.write("out/#{doc}.html", session.response.body)
end
File.write("out/urls.json", JSON.pretty_generate(urls))
"""

# runs in Redmine (its `rails runner`): posts the threads to a board of a public project as its
# members, a reply that quotes as the board's "Quote" link does, then saves every topic page
_REDMINE_POST = (
    _REDMINE_HEAD
    + r"""Setting.app_title = "Node Servers Forum"
project = Project.create!(name: "Node.js", identifier: "nodejs", is_public: true,
                          enabled_module_names: ["boards"])
board = Board.create!(project: project, name: "Logging and servers",
                      description: "Questions and notes about Pino and Fastify")
threads.each_with_index do |thread, n|
  topic = nil
  thread["posts"].each_with_index do |post, i|
    body = post["markdown"]
    if post["quote"] != ""  # what the Quote link puts in the editor, then the reply
      quoted = Message.where(board: board, author: member.call(post["quote_author"])).last
      head = if quoted.root == quoted
               i18n.ll("en", :text_user_wrote, quoted.author)
             else
               i18n.ll("en", :text_user_wrote_in,
                       {value: quoted.author, link: "message##{quoted.id}"})
             end
      body = quoting.call(head, post)
    end
    message = Message.new(board: board, author: member.call(post["author"]), content: body,
                          subject: topic ? "RE: #{thread['title']}" : thread["title"])
    message.parent = topic if topic
    message.save!
    at = start + n * 86400 + i * 3 * 3600 + i * 7 * 60
    Message.where(id: message.id).update_all(created_on: at, updated_on: at)
    topic ||= message
  end
  urls[thread["id"]] = "/boards/#{board.id}/topics/#{topic.id}"
end
"""
    + _REDMINE_SAVE
)

# runs in Redmine (its `rails runner`): each thread as an issue of a public project's tracker,
# its first post the description and the others notes, a note that quotes as the issue's Quote
# link does; then saves every issue page
_REDMINE_ISSUES = (
    _REDMINE_HEAD
    + r"""Setting.app_title = "Node Servers Tracker"
project = Project.create!(name: "Node.js", identifier: "nodejs", is_public: true,
                          enabled_module_names: ["issue_tracking"])
project.trackers = Tracker.all
project.save!
threads.each_with_index do |thread, n|
  issue = nil
  thread["posts"].each_with_index do |post, i|
    body = post["markdown"]
    at = start + n * 86400 + i * 3 * 3600 + i * 7 * 60
    if post["quote"] != ""  # what the Quote link puts in the editor, then the note
      quoted = member.call(post["quote_author"])
      last = Journal.where(journalized: issue, user: quoted).where.not(notes: "").last
      head = if last
               number = Journal.where(journalized: issue).order(:id).pluck(:id).index(last.id) + 1
               i18n.ll("en", :text_user_wrote_in, {value: quoted, link: "#note-#{number}"})
             else
               i18n.ll("en", :text_user_wrote, quoted)
             end
      body = quoting.call(head, post)
    end
    if issue.nil?
      issue = Issue.new(project: project, tracker: project.trackers.first,
                        author: member.call(post["author"]), subject: thread["title"],
                        description: body)
      issue.save!
      Issue.where(id: issue.id).update_all(created_on: at, updated_on: at)
    else
      note = Journal.create!(journalized: issue, user: member.call(post["author"]), notes: body)
      Journal.where(id: note.id).update_all(created_on: at)
    end
  end
  urls[thread["id"]] = "/issues/#{issue.id}"
end
"""
    + _REDMINE_SAVE
)


def build_redmine(work: Path, threads: list[Thread], engine: str = "redmine") -> None:
    """Redmine (Debian's package, Ruby on Rails) on its own SQLite database in the work folder,
    posts in CommonMark: its forums ("redmine": a board of a public project) or its issue
    tracker ("redmine-issues": each thread an issue, the replies its notes)."""
    site, env = redmine_site(work / engine)
    (site / "threads.json").write_text(_threads_json(threads), "utf-8")
    script = site / "post_threads.rb"
    script.write_text(_REDMINE_POST if engine == "redmine" else _REDMINE_ISSUES)
    run(["bin/rails", "runner", str(script)], site, env)
    _save_pages(engine, site, threads)


BUILDERS: dict[str, Callable[[Path, list[Thread]], None]] = {
    "machina": build_machina,
    "spirit": build_spirit,
    "pybbm": build_pybbm,
    "askbot": build_askbot,
    "redmine": build_redmine,
    "redmine-issues": lambda work, threads: build_redmine(work, threads, "redmine-issues"),
}


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, BUILDERS, collect_sources, Path("/tmp/extractor-forums-build"), argv)


if __name__ == "__main__":
    raise SystemExit(main())
