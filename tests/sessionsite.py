"""A small members' site on 127.0.0.1 for the session tests: logins, paywalls, expired sessions.

Modelled on how such sites are built:
  - ``/login``            a login form; a right password sets a server session cookie (HttpOnly)
                          and redirects to ``next``; ``/members/signin?token=`` does the same
                          for a one-time link from a sign-in email;
  - ``/p/<slug>/``        an article as a Ghost-style publication serves it: the whole post for a
                          reader with a live session, else the first paragraphs and the upgrade
                          call to action (``gh-post-upgrade-cta``) with ``isAccessibleForFree``;
  - ``/members/``         a members-only page that redirects to ``/login?next=...`` without a
                          session, and renews the session cookie with one;
  - ``/app/``             a single-page app: its sign-in page stores a token in localStorage from
                          script; the article page sends it as a Bearer token to ``/api/story``
                          and shows a subscribe prompt when there is none or it is refused;
  - ``/intranet/``        a page behind an access proxy that wants service-token headers;
  - ``/basic/``           a page behind HTTP basic auth;
  - ``/away/``            a redirect to another host (``localhost``), to see what follows it;
  - ``/staff/``           a redirect to ``/intranet/`` on the same site; ``/staff-away/`` one to
                          ``/away/``, which then leaves it.
Every page loads a pixel and an iframe from ``localhost`` (another site to the browser): the
server keeps every request's host, path and headers, so a test can say what reached whom.
A session or token the site minted can be made to expire (``expire``).
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

USER = "reader@example.org"
PASSWORD = "correct horse battery staple"
COOKIE = "gazette_session"
TOKEN_KEY = "gazette.auth"
BASIC = ("editor", "s3cret-basic")
ACCESS_HEADERS = {"CF-Access-Client-Id": "svc.7f3a.access", "CF-Access-Client-Secret": "a9c1e0d2"}
SITE = "The Harbour Gazette"

PARAGRAPHS = (
    "The port authority confirmed on Monday that dredging of the inner harbour will begin in "
    "March, two years later than first planned, after a dispute over where the silt can be dumped.",
    "Fishermen who moor along the north quay say the channel has become so shallow that boats "
    "wait for the tide before they can leave, losing hours of every working day.",
    "Under the new plan the silt will be pumped to a lagoon behind the old shipyard, where it "
    "will dry for a year before being tested and used to raise the level of the car park.",
    "Environmental groups had objected to the first proposal, which would have dumped the "
    "material at sea two miles off the headland, close to a protected seagrass meadow.",
    "The cost has risen from 11 million to 14.5 million pounds, most of it met by a national "
    "fund for coastal infrastructure; the rest comes from mooring fees over the next decade.",
    "Harbour master Ewan Price said the work would be done in sections so that the ferry to the "
    "islands can keep its timetable, with the busiest berths dredged at night.",
    "A public meeting on the schedule will be held at the sailing club on the first Thursday of "
    "February, and the full environmental statement is available at the harbour office.",
)
TEASER = 2  # paragraphs a reader without a session gets

MEMBER_POSTS = (
    "Minutes of the January committee meeting, with the new mooring fee table.",
    "Volunteers wanted for the spring clean of the slipway, Saturday mornings.",
    "The winter lecture series continues with a talk on the history of the lifeboat station.",
)


@dataclass
class Seen:
    """One request the site answered: which host it was sent to, its path and headers."""

    host: str
    path: str
    headers: dict[str, str]  # lower-case names


@dataclass
class Site:
    """The site's state: live sessions and tokens, and every request it saw."""

    port: int = 0
    sessions: set[str] = field(default_factory=set)
    tokens: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def other_url(self) -> str:
        """The same server under another host name: another site to the browser."""
        return f"http://localhost:{self.port}/"

    def new_session(self) -> str:
        sid = secrets.token_hex(16)
        with self.lock:
            self.sessions.add(sid)
        return sid

    def new_token(self) -> str:
        token = "tok_" + secrets.token_urlsafe(24)
        with self.lock:
            self.tokens.add(token)
        return token

    def magic_link(self) -> str:
        """A one-time sign-in link, as a sign-in email carries it (relative to ``url``)."""
        token = secrets.token_urlsafe(16)
        with self.lock:
            self.links.add(token)
        return f"members/signin?token={token}"

    def expire(self, value: str) -> None:
        """A session id or token the server no longer accepts (it ran out)."""
        with self.lock:
            self.sessions.discard(value)
            self.tokens.discard(value)

    def requests_to(self, host: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.host == host]


def _page(title: str, body: str, head: str = "", port: int = 0) -> str:
    third_party = (
        f'<img src="http://localhost:{port}/pixel.gif" alt="" width="1" height="1">'
        f'<iframe src="http://localhost:{port}/embed/" title="Newsletter" height="60"></iframe>'
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="{SITE}">{head}</head>
<body class="post-template">
<header class="gh-head"><a class="gh-head-logo" href="/">{SITE}</a>
<nav class="gh-head-menu"><a href="/">Home</a> <a href="/members/">Members</a> <a href="/login">Sign in</a></nav></header>
<main id="site-main" class="site-main">{body}</main>
<footer class="gh-foot"><p>{SITE} © 2025 · Published with Ghost</p>{third_party}</footer>
</body></html>"""


def _article(slug: str, full: bool, port: int) -> str:
    shown = PARAGRAPHS if full else PARAGRAPHS[:TEASER]
    paras = "\n".join(f"<p>{p}</p>" for p in shown)
    cta = (
        ""
        if full
        else """<aside class="gh-post-upgrade-cta">
<div class="gh-post-upgrade-cta-content" style="background-color: #15212a">
<h2>This post is for paying subscribers only</h2>
<a class="gh-btn" data-portal="signup" href="#/portal/signup">Subscribe now</a>
<p><small>Already have an account? <a data-portal="signin" href="/login?next=/p/{slug}/">Sign in</a></small></p>
</div></aside>""".replace("{slug}", slug)
    )
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour dredging to start in March after two-year delay",
        "datePublished": "2025-01-13T08:00:00+00:00",
        "author": {"@type": "Person", "name": "Mairi Campbell"},
        "isAccessibleForFree": False,
        "hasPart": {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": ".gh-content",
        },
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    body = f"""<article class="article post tag-harbour">
<header class="article-header gh-canvas"><h1 class="article-title">Harbour dredging to start in March after two-year delay</h1>
<p class="article-byline">By Mairi Campbell · 13 Jan 2025</p></header>
<section class="gh-content gh-canvas">
{paras}
{cta}
</section></article>"""
    return _page("Harbour dredging to start in March after two-year delay", body, head, port)


def _login(next_url: str, note: str, port: int) -> str:
    body = f"""<section class="login-page">
<h1>Sign in</h1>
{note}
<form method="post" action="/login?next={quote(next_url)}" class="login-form">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit" id="sign-in">Sign in</button>
</form>
<p>No account yet? <a href="/signup">Sign up</a></p>
</section>"""
    return _page(f"Sign in · {SITE}", body, port=port)


def _members(port: int) -> str:
    items = "\n".join(f"<li><p>{m}</p></li>" for m in MEMBER_POSTS)
    body = f"""<article class="article members-board">
<h1>Members' noticeboard</h1>
<p>Notices for members of the Gazette's harbour club, updated every week by the committee and
read by the several hundred members who keep a boat in the harbour or volunteer at the club.</p>
<ul>{items}</ul>
<p>Questions about the club and its notices go to the secretary at the harbour office, open on
weekday mornings; minutes of older meetings are kept in the archive at the club house.</p>
</article>"""
    return _page(f"Members' noticeboard · {SITE}", body, port=port)


_APP_LOGIN = """<section class="signin"><h1>Sign in to the Gazette app</h1>
<form id="signin"><label for="email">Email</label><input id="email" type="email">
<label for="password">Password</label><input id="password" type="password">
<button type="submit">Sign in</button></form><p id="status"></p></section>
<script>
document.getElementById("signin").addEventListener("submit", async (event) => {
  event.preventDefault();
  const r = await fetch("/api/token", {method: "POST", headers: {"Content-Type": "application/json"},
    body: JSON.stringify({email: document.getElementById("email").value,
                          password: document.getElementById("password").value})});
  if (!r.ok) { document.getElementById("status").textContent = "Wrong email or password."; return; }
  const data = await r.json();
  localStorage.setItem("%(key)s", JSON.stringify({token: data.token}));
  document.getElementById("status").textContent = "Signed in.";
});
</script>"""

_APP_STORY = """<div id="root"><p class="loading">Loading…</p></div>
<script>
(async () => {
  const root = document.getElementById("root");
  const saved = JSON.parse(localStorage.getItem("%(key)s") || "null");
  const headers = saved ? {Authorization: "Bearer " + saved.token} : {};
  const r = await fetch("/api/story", {headers});
  const story = await r.json();
  const article = document.createElement("article");
  article.innerHTML = "<h1></h1><p class='byline'></p>";
  article.querySelector("h1").textContent = story.title;
  article.querySelector(".byline").textContent = "By " + story.author;
  for (const text of story.paragraphs) {
    const p = document.createElement("p"); p.textContent = text; article.appendChild(p);
  }
  if (!story.full) {
    const box = document.createElement("div");
    box.className = "paywall-prompt";
    box.innerHTML = "<h2>Subscribe to keep reading</h2><p>Get unlimited access to the Gazette " +
      "for 1 pound a week. Already a subscriber? <a href='/app/login'>Sign in</a></p>" +
      "<a class='button' href='/subscribe'>Subscribe</a>";
    article.appendChild(box);
  }
  root.replaceChildren(article);
})();
</script>"""


class _Handler(BaseHTTPRequestHandler):
    site: Site  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # -- plumbing --------------------------------------------------------------------------------

    def _note(self) -> tuple[str, str, dict[str, list[str]]]:
        parts = urlsplit(self.path)
        host = (self.headers.get("Host") or "").split(":")[0]
        with self.site.lock:
            self.site.seen.append(
                Seen(host, parts.path, {k.lower(): v for k, v in self.headers.items()})
            )
        return host, parts.path, parse_qs(parts.query)

    def _send(
        self, status: int, body: str | bytes, ctype: str = "text/html; charset=utf-8", **extra: str
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in extra.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(data)

    def _redirect(self, location: str, **extra: str) -> None:
        self._send(302, "", Location=location, **extra)

    def _session(self) -> str | None:
        jar = SimpleCookie(self.headers.get("Cookie") or "")
        sid = jar[COOKIE].value if COOKIE in jar else None
        return sid if sid in self.site.sessions else None

    def _had_session(self) -> bool:
        return COOKIE in SimpleCookie(self.headers.get("Cookie") or "")

    # -- routes ----------------------------------------------------------------------------------

    def do_GET(self) -> None:
        host, path, query = self._note()
        port = self.site.port
        if host == "localhost":
            if path == "/pixel.gif":
                self._send(200, base64.b64decode(_GIF), "image/gif")
            else:
                self._send(200, "<!DOCTYPE html><p>Sign up for the newsletter.</p>")
            return
        if path == "/login":
            note = (
                "<p>Your session has expired. Please sign in again.</p>"
                if "expired" in query
                else ""
            )
            self._send(200, _login(query.get("next", ["/"])[0], note, port))
        elif path.startswith("/p/") and path.endswith("/"):
            self._send(200, _article(path.split("/")[2], self._session() is not None, port))
        elif path == "/members/":
            sid = self._session()
            if sid is not None:  # a sliding session: each visit renews the cookie
                renewed = f"{COOKIE}={sid}; Path=/; HttpOnly; SameSite=Lax; Max-Age=1209600"
                self._send(200, _members(port), Set_Cookie=renewed)
            else:
                flag = "&expired=1" if self._had_session() else ""
                self._redirect(f"/login?next={quote(path)}{flag}")
        elif path == "/members/signin":  # a magic link from a sign-in email
            token = query.get("token", [""])[0]
            if token in self.site.links:
                self.site.links.discard(token)
                cookie = f"{COOKIE}={self.site.new_session()}; Path=/; HttpOnly; SameSite=Lax"
                self._redirect("/members/", Set_Cookie=cookie)
            else:
                self._redirect("/login?next=/members/")
        elif path == "/app/login":
            self._send(200, _page(f"Sign in · {SITE}", _APP_LOGIN % {"key": TOKEN_KEY}, port=port))
        elif path == "/app/":
            body = _APP_STORY % {"key": TOKEN_KEY}
            self._send(200, _page("Harbour dredging · Gazette app", body, port=port))
        elif path == "/api/story":
            auth = self.headers.get("Authorization") or ""
            full = auth.startswith("Bearer ") and auth[7:] in self.site.tokens
            story = {
                "title": "Harbour dredging to start in March after two-year delay",
                "author": "Mairi Campbell",
                "full": full,
                "paragraphs": list(PARAGRAPHS if full else PARAGRAPHS[:TEASER]),
            }
            self._send(200, json.dumps(story), "application/json")
        elif path == "/intranet/":
            if all(self.headers.get(k) == v for k, v in ACCESS_HEADERS.items()):
                self._send(200, _members(port))
            else:
                self._send(
                    403, _login("/intranet/", "<p>Sign in with your identity provider.</p>", port)
                )
        elif path == "/basic/":
            expected = "Basic " + base64.b64encode(":".join(BASIC).encode()).decode()
            if self.headers.get("Authorization") == expected:
                self._send(200, _members(port))
            else:
                self._send(
                    401,
                    "<h1>401 Authorization Required</h1>",
                    WWW_Authenticate='Basic realm="Gazette staff"',
                )
        elif path == "/away/":
            self._redirect(f"http://localhost:{port}/landing/")
        elif path == "/staff/":  # the intranet moved: a redirect on the same site
            self._redirect("/intranet/")
        elif path == "/staff-away/":  # a redirect on the same site, then to another host
            self._redirect("/away/")
        else:
            self._send(404, "<h1>Not found</h1>")

    def do_POST(self) -> None:
        _, path, query = self._note()
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8")
        if path == "/login":
            form = parse_qs(raw)
            if form.get("email") == [USER] and form.get("password") == [PASSWORD]:
                sid = self.site.new_session()
                cookie = f"{COOKIE}={sid}; Path=/; HttpOnly; SameSite=Lax"
                self._send(303, "", Location=query.get("next", ["/"])[0], Set_Cookie=cookie)
            else:
                self._send(
                    200,
                    _login(
                        query.get("next", ["/"])[0],
                        "<p>Wrong email or password.</p>",
                        self.site.port,
                    ),
                )
        elif path == "/api/token":
            data = json.loads(raw or "{}")
            if data.get("email") == USER and data.get("password") == PASSWORD:
                self._send(200, json.dumps({"token": self.site.new_token()}), "application/json")
            else:
                self._send(401, json.dumps({"error": "bad credentials"}), "application/json")
        else:
            self._send(404, "<h1>Not found</h1>")


_GIF = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


@contextmanager
def serve_site() -> Iterator[Site]:
    """Run the members' site on a free loopback port for the block."""
    site = Site()
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    site.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
