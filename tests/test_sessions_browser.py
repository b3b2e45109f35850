"""Bringing a session, end to end on the members' fixture site (tests/sessionsite.py): each way
(storage state, cookies.txt, profile, headers, basic auth, URL credentials), batches, snapshots,
an expired session, and no secret in anything the product printed or wrote."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from extractor import Options, extract
from extractor.browser.launch import run
from extractor.browser.session import record_session
from tests import sessionsite
from tests.sessionsite import Site, serve_site

pytestmark = pytest.mark.browser

ARTICLE = "p/harbour-dredging/"
QUICK = Options(wall_wait_ms=1000, scroll=False)
LAST_PARAGRAPH = "full environmental statement is available at the harbour office"


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve_site() as running:
        yield running


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def fast(*args: str) -> tuple[str, ...]:
    """Short pages without lazy content: no scrolling, a short wait for passing walls."""
    return (*args, "--wall-wait", "1", "--timeout", "20", "--no-scroll")


def storage_state(site: Site, path: Path, sid: str | None = None, token: str | None = None) -> Path:
    """A storage state file as `extractor auth` writes it, holding a session and/or a token."""
    state: dict[str, Any] = {"cookies": [], "origins": []}
    if sid is not None:
        state["cookies"].append(
            {
                "name": sessionsite.COOKIE,
                "value": sid,
                "domain": "127.0.0.1",
                "path": "/",
                "expires": -1,
                "httpOnly": True,
                "secure": False,
                "sameSite": "Lax",
            }
        )
    if token is not None:
        value = json.dumps({"token": token})
        state["origins"].append(
            {
                "origin": site.url.rstrip("/"),
                "localStorage": [{"name": sessionsite.TOKEN_KEY, "value": value}],
            }
        )
    path.write_text(json.dumps(state))
    path.chmod(0o600)
    return path


def assert_no_secret(secrets: list[str], *texts: str, folder: Path | None = None) -> None:
    files = [p for p in folder.rglob("*") if p.is_file()] if folder else []
    everything = [*texts, *(p.read_text(errors="replace") for p in files)]
    for secret in secrets:
        assert all(secret not in text for text in everything), "a secret reached an output"


# -- without a session: walls as before ----------------------------------------------------------


def test_without_a_session_teasers_and_walls(site: Site) -> None:
    teaser = extract(site.url + ARTICLE, QUICK)
    assert teaser.completeness == "teaser" and not teaser.session
    assert any(w.kind == "paywall" and w.phase == "rendered" for w in teaser.walls)
    assert LAST_PARAGRAPH not in teaser.markdown
    members = extract(site.url + "members/", QUICK)
    assert "/login?next=" in members.final_url and members.completeness == "none"
    assert any(w.kind == "login" for w in members.walls)


# -- each way of bringing a session -------------------------------------------------------------


async def sign_in_with_the_form(page: Any) -> None:
    """What a user does in the window: fill the login form and wait to land on the members page."""
    await page.fill("#email", sessionsite.USER)
    await page.fill("#password", sessionsite.PASSWORD)
    await page.click("form button[type=submit]")
    await page.wait_for_url("**/members/")


def test_auth_then_storage_state_reads_the_whole_article(site: Site, tmp_path: Path) -> None:
    path = tmp_path / "gazette.json"
    run(
        record_session(
            site.url + "members/", path, Options(), sign_in=sign_in_with_the_form, headless=True
        )
    )
    assert path.stat().st_mode & 0o777 == 0o600
    state = json.loads(path.read_text())
    assert [c["name"] for c in state["cookies"]] == [sessionsite.COOKIE]

    result = extract(site.url + ARTICLE, replace(QUICK, storage_state=str(path)))
    assert result.completeness == "full" and result.walls == () and result.session
    assert LAST_PARAGRAPH in result.markdown
    members = extract(site.url + "members/", replace(QUICK, storage_state=str(path)))
    assert members.final_url == site.url + "members/" and "lifeboat station" in members.markdown


def test_a_token_the_page_keeps_in_local_storage(site: Site, tmp_path: Path) -> None:
    async def sign_in(page: Any) -> None:
        await page.fill("#email", sessionsite.USER)
        await page.fill("#password", sessionsite.PASSWORD)
        await page.click("form button[type=submit]")
        await page.get_by_text("Signed in.").wait_for()

    path = tmp_path / "app.json"
    run(record_session(site.url + "app/login", path, Options(), sign_in=sign_in, headless=True))
    assert [o["origin"] for o in json.loads(path.read_text())["origins"]] == [site.url.rstrip("/")]
    proc = run_cli(site.url + "app/", "--storage-state", str(path), *fast("--format", "json"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["completeness"] == "full" and data["walls"] == [] and data["session"] is True
    assert LAST_PARAGRAPH in data["markdown"]
    token = json.loads(json.loads(path.read_text())["origins"][0]["localStorage"][0]["value"])
    assert_no_secret([token["token"]], proc.stdout, proc.stderr)


def test_cookies_txt_and_cookies_stay_with_their_domains(site: Site, tmp_path: Path) -> None:
    sid = site.new_session()
    jar = tmp_path / "cookies.txt"
    jar.write_text(
        "# Netscape HTTP Cookie File\n"
        f"#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\t{sessionsite.COOKIE}\t{sid}\n"
        f"localhost\tFALSE\t/\tFALSE\t{int(time.time()) + 3600}\tnl_visitor\tvisitor-5c1e2a9b7d\n"
    )
    jar.chmod(0o600)
    site.seen.clear()
    proc = run_cli(site.url + ARTICLE, "--cookies", str(jar), *fast())
    assert proc.returncode == 0, proc.stderr
    assert LAST_PARAGRAPH in proc.stdout and "walls:" not in proc.stdout
    to_site = site.requests_to("127.0.0.1")
    to_other = site.requests_to("localhost")
    assert to_site and to_other  # the page loaded the other host's pixel and iframe
    assert all(sid not in json.dumps(s.headers) for s in to_other)
    assert all("visitor-5c1e2a9b7d" not in json.dumps(s.headers) for s in to_site)
    assert_no_secret([sid], proc.stdout, proc.stderr)

    site.seen.clear()  # a redirect to another host takes no cookie of this one along
    away = run_cli(site.url + "away/", "--cookies", str(jar), *fast())
    assert away.returncode == 0, away.stderr
    (landing,) = [s for s in site.requests_to("localhost") if s.path == "/landing/"]
    assert sid not in json.dumps(landing.headers)


def test_a_browser_profile(site: Site, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    sid = site.new_session()

    async def make_profile() -> None:
        from playwright.async_api import async_playwright

        from extractor.browser.launch import launch_args

        async with async_playwright() as pw:
            context = await pw.chromium.launch_persistent_context(
                str(profile), headless=True, **launch_args()
            )
            cookie = {"name": sessionsite.COOKIE, "value": sid, "url": site.url}
            await context.add_cookies([{**cookie, "expires": time.time() + 3600}])
            await context.close()

    run(make_profile())
    proc = run_cli(site.url + ARTICLE, "--user-data-dir", str(profile), *fast("-f", "json"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["completeness"] == "full" and data["session"] is True
    assert_no_secret([sid], proc.stdout, proc.stderr)


def test_headers_go_to_the_given_origin_only(site: Site) -> None:
    headers = [f"{k}: {v}" for k, v in sessionsite.ACCESS_HEADERS.items()]
    site.seen.clear()
    args = [a for h in headers for a in ("--header", h)]
    proc = run_cli(site.url + "intranet/", *args, *fast("-f", "json"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["status"] == 200 and "lifeboat station" in data["markdown"]
    assert data["session"] is False  # headers are not a session
    secret = sessionsite.ACCESS_HEADERS["CF-Access-Client-Secret"]
    assert any(s.headers.get("cf-access-client-secret") == secret for s in site.seen)
    assert site.requests_to("localhost")
    assert all(secret not in json.dumps(s.headers) for s in site.requests_to("localhost"))
    assert_no_secret([secret], proc.stdout, proc.stderr)

    site.seen.clear()
    away = run_cli(site.url + "away/", *args, *fast())
    assert away.returncode == 0, away.stderr
    (landing,) = [s for s in site.requests_to("localhost") if s.path == "/landing/"]
    assert secret not in json.dumps(landing.headers)

    # a redirect on the same site takes them along; one that then leaves it does not
    moved = run_cli(site.url + "staff/", *args, *fast("-f", "json"))
    assert moved.returncode == 0, moved.stderr
    data = json.loads(moved.stdout)
    assert data["final_url"] == site.url + "intranet/" and "lifeboat station" in data["markdown"]
    site.seen.clear()
    leaving = run_cli(site.url + "staff-away/", *args, *fast())
    assert leaving.returncode == 0, leaving.stderr
    (landing,) = [s for s in site.requests_to("localhost") if s.path == "/landing/"]
    assert secret not in json.dumps(landing.headers)
    assert_no_secret([secret], moved.stdout, moved.stderr, leaving.stdout, leaving.stderr)


@pytest.mark.parametrize("how", ["options", "url"])
def test_basic_auth(site: Site, how: str) -> None:
    user, password = sessionsite.BASIC
    if how == "options":
        args = [site.url + "basic/", "--auth-user", user, "--auth-password", password]
    else:
        args = [site.url.replace("://", f"://{user}:{password}@") + "basic/"]
    site.seen.clear()
    proc = run_cli(*args, *fast("-f", "json"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["status"] == 200 and "lifeboat station" in data["markdown"]
    assert data["url"] == site.url + "basic/" and data["final_url"] == site.url + "basic/"
    assert all("authorization" not in s.headers for s in site.requests_to("localhost"))
    assert_no_secret([password], proc.stdout, proc.stderr)


def test_url_credentials_never_reach_an_error(site: Site) -> None:
    proc = run_cli("http://editor:s3cret-basic@127.0.0.1:9/", "--timeout", "5")
    assert proc.returncode == 4
    assert "s3cret-basic" not in proc.stderr and "editor" not in proc.stderr


def test_basic_auth_missing_or_refused(site: Site) -> None:
    missing = run_cli(site.url + "basic/", "--timeout", "20")
    assert missing.returncode == 4
    (line,) = missing.stderr.strip().splitlines()
    assert "basic auth" in line and "--auth-user" in line
    refused = run_cli(
        site.url + "basic/",
        "--auth-user",
        "editor",
        "--auth-password",
        "wrong-one",
        *fast("-f", "json"),
    )
    assert refused.returncode == 0, refused.stderr  # the server's 401 page is a result
    assert json.loads(refused.stdout)["status"] == 401
    assert_no_secret(["wrong-one"], refused.stdout, refused.stderr)


# -- batch, snapshots, expiry ---------------------------------------------------------------------


def test_batch_with_cookies_into_a_vault(site: Site, tmp_path: Path) -> None:
    sid = site.new_session()
    jar = tmp_path / "cookies.txt"
    jar.write_text(f"127.0.0.1\tFALSE\t/\tFALSE\t0\t{sessionsite.COOKIE}\t{sid}\n")
    jar.chmod(0o644)
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.url}{ARTICLE}\n{site.url}members/\n")
    vault = tmp_path / "vault"
    proc = run_cli("--urls", str(urls), "--cookies", str(jar), "--out-dir", str(vault), *fast())
    assert proc.returncode == 0, proc.stderr
    notes = {p.name: p.read_text() for p in vault.iterdir() if not p.name.startswith(".")}
    assert len(notes) == 2  # beside the batch's manifest
    assert any(LAST_PARAGRAPH in text for text in notes.values())
    assert any("lifeboat station" in text for text in notes.values())
    assert all("walls:" not in text for text in notes.values())
    warning = [line for line in proc.stderr.splitlines() if "0644" in line]
    assert len(warning) == 1 and str(jar) in warning[0]
    assert_no_secret([sid], proc.stdout, proc.stderr, folder=vault)


def test_snapshot_record_with_a_session_keeps_no_secret(site: Site, tmp_path: Path) -> None:
    sid = site.new_session()
    state = storage_state(site, tmp_path / "state.json", sid=sid)
    snaps = tmp_path / "snapshots"
    proc = run_cli(
        "snapshot", "record", site.url + "members/", "--name", "members",
        "--storage-state", str(state), "--dir", str(snaps), "--wall-wait", "1",
        "--allow-ci",  # a deliberate write, also when the suite runs on CI
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "lifeboat station" in (snaps / "members" / "expected.md").read_text()
    page = json.loads((snaps / "members" / "page.json").read_text())
    assert page["session"] is True
    assert not {"set-cookie", "cookie", "authorization"} & set(page["headers"])
    assert (snaps / "members" / "network.har").is_file()  # the recording is searched too
    assert_no_secret([sid], proc.stdout, proc.stderr, folder=snaps)


def test_an_expired_session_is_one_line_and_its_own_exit_code(site: Site, tmp_path: Path) -> None:
    sid = site.new_session()
    state = storage_state(site, tmp_path / "state.json", sid=sid)
    site.expire(sid)
    proc = run_cli(site.url + ARTICLE, "--storage-state", str(state), *fast())
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert "paywall" in line and "expired" in line and "extractor auth" in line
    assert proc.stdout.startswith("---\n")

    failed = run_cli(
        site.url + "members/", "--storage-state", str(state), "--fail-on-wall", *fast()
    )
    assert failed.returncode == 10, failed.stderr
    (line,) = failed.stderr.strip().splitlines()
    assert "login" in line and "expired" in line
    assert_no_secret([sid], proc.stdout, proc.stderr, failed.stdout, failed.stderr)


@pytest.mark.skipif(
    shutil.which("xvfb-run") is None, reason="needs xvfb-run for a window (.ci/setup installs it)"
)
def test_auth_in_a_visible_window_then_extract(site: Site, tmp_path: Path) -> None:
    path = tmp_path / "gazette.json"
    command = [sys.executable, "-m", "extractor", "auth", site.url + site.magic_link(), str(path)]
    proc = subprocess.Popen(
        ["xvfb-run", "-a", *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = proc.communicate("\n", timeout=120)  # Enter, read once the page has loaded
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "press Enter" in err and out == ""
    assert path.stat().st_mode & 0o777 == 0o600
    state = json.loads(path.read_text())
    (cookie,) = state["cookies"]
    assert cookie["name"] == sessionsite.COOKIE and cookie["value"] in site.sessions
    assert cookie["value"] not in err
    result = extract(site.url + ARTICLE, replace(QUICK, storage_state=str(path)))
    assert result.completeness == "full" and LAST_PARAGRAPH in result.markdown


def test_auth_without_a_display_points_elsewhere(site: Site, tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    proc = run_cli("auth", site.url + "login", str(tmp_path / "s.json"), env=env)
    assert proc.returncode == 3
    (line,) = proc.stderr.strip().splitlines()
    assert "display" in line and "--cookies" in line and "--user-data-dir" in line
    assert not (tmp_path / "s.json").exists()
