"""WordPress (Debian's package, 6.1) with its default themes, as a blog of the corpus's posts.

Each theme gets its own copy of Debian's WordPress in the work folder and its own database on a
MariaDB server started for the build (in the work folder, on a socket, no network) and stopped
after it. A PHP script installs the site (``wp_install``), turns the theme on, sets pretty
permalinks (``/posts/<name>/``), removes the sample post and pages, makes an author per team and
a category and tags per post, and inserts the posts: their Markdown rendered to HTML
(CommonMark and tables, raw HTML kept, as the other generators render it), their dates, tags and
authors. Every page is then rendered by WordPress itself, one PHP run per address (the request's
host and path set as a web server sets them), into ``out/<path>/index.html``: the post pages and
the listing pages (home and its second page, the year's archive, category and tag pages).

Needs ``apt-get install wordpress wordpress-theme-twentytwentyone
wordpress-theme-twentytwentytwo wordpress-theme-twentytwentythree php-cli php-mysql
mariadb-server``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from tests.bench.docs.build import run

if TYPE_CHECKING:
    from tests.bench.blogs.build import Post

WORDPRESS = Path("/usr/share/wordpress")
HOST = "blog.test"
THEMES = {
    "wordpress-tt1": "twentytwentyone",
    "wordpress-tt2": "twentytwentytwo",
    "wordpress-tt3": "twentytwentythree",
}
# the listing pages rendered besides the posts (below the site's address; WordPress puts the
# permalinks' front, "/posts/", before its archives' and terms' addresses too)
LISTING_PATHS = (
    "/",
    "/page/2/",
    "/posts/2024/",
    "/posts/2024/page/2/",
    "/posts/category/fastify/",
    "/posts/category/pino/",
    "/posts/tag/fastify/",
    "/posts/tag/guides/",
    "/posts/tag/pino/",
    "/posts/tag/reference/",
)

_CONFIG = """<?php
define('DB_NAME', '{db}');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = 'wp_';
define('WP_HOME', 'http://{host}/{name}');
define('WP_SITEURL', 'http://{host}/{name}');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_DEBUG', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""

# sets up a request as a web server would, for WordPress's own loading
_REQUEST = """<?php
$_SERVER['HTTP_HOST'] = '{host}';
$_SERVER['SERVER_NAME'] = '{host}';
$_SERVER['SERVER_PORT'] = '80';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REQUEST_URI'] = $argv[1] ?? '/{name}/';
$_SERVER['SCRIPT_NAME'] = '/{name}/index.php';
$_SERVER['PHP_SELF'] = '/{name}/index.php';
"""

_INSTALL = """<?php
require __DIR__ . '/request.php';
define('WP_INSTALLING', true);
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/user.php';
$spec = json_decode(file_get_contents($argv[2]), true);
$installed = wp_install('Server Notes', 'editors', 'editors@{host}', true, '', wp_generate_password(32));
$admin = $installed['user_id'];
wp_set_current_user($admin);  // (posts keep their markup: an administrator may post any HTML)
update_option('blogdescription', 'Guides worth keeping');
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/posts/%postname%/');
update_option('posts_per_page', 10);
update_option('default_comment_status', 'open');
switch_theme($spec['theme']);
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $p) {
    wp_delete_post($p->ID, true);
}
$authors = [];
foreach ($spec['posts'] as $post) {
    $name = $post['author'];
    if (!isset($authors[$name])) {
        $login = sanitize_user(strtolower(str_replace(' ', '-', $name)));
        $authors[$name] = wp_insert_user([
            'user_login' => $login, 'user_pass' => wp_generate_password(32),
            'display_name' => $name, 'nickname' => $name, 'role' => 'author',
            'user_email' => $login . '@{host}',
        ]);
    }
    $category = wp_create_category($post['category']);
    $id = wp_insert_post([
        'post_title' => $post['title'], 'post_content' => $post['html'],
        'post_status' => 'publish', 'post_name' => $post['id'],
        'post_date' => $post['date'] . ' 09:00:00', 'post_author' => $authors[$name],
        'post_category' => [$category], 'tags_input' => $post['tags'],
    ], true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
}
$about = wp_insert_post(['post_title' => 'About', 'post_content' => '<p>Notes.</p>',
    'post_status' => 'publish', 'post_type' => 'page', 'post_name' => 'about']);
flush_rewrite_rules();
"""

_RENDER = """<?php
require __DIR__ . '/request.php';
define('WP_USE_THEMES', true);
require __DIR__ . '/wp-blog-header.php';
"""


@contextmanager
def mariadb(folder: Path) -> Iterator[Path]:
    """A MariaDB server on a socket in ``folder`` (no network), stopped when the block ends."""
    if shutil.which("mariadbd") is None or not WORDPRESS.exists():
        raise RuntimeError("WordPress or MariaDB is not installed (see the module's notes)")
    data, socket = folder / "data", folder / "mysqld.sock"
    if not data.exists():
        folder.mkdir(parents=True, exist_ok=True)
        run(
            [
                "mariadb-install-db",
                "--no-defaults",
                f"--datadir={data}",
                "--user=root",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ],
            folder,
        )
    socket.unlink(missing_ok=True)  # (left by a server that was killed)
    server = subprocess.Popen(
        [
            "mariadbd",
            "--no-defaults",
            f"--datadir={data}",
            f"--socket={socket}",
            f"--pid-file={folder / 'mysqld.pid'}",
            "--skip-networking",
            "--user=root",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ping = ["mariadb-admin", "--no-defaults", "-S", str(socket), "-u", "root", "ping"]
        for _ in range(300):
            if socket.exists() and subprocess.run(ping, capture_output=True).returncode == 0:
                break
            if server.poll() is not None:
                raise RuntimeError("MariaDB stopped at its start")
            time.sleep(0.1)
        else:
            raise RuntimeError("MariaDB did not start")
        yield socket
    finally:
        if socket.exists():
            subprocess.run(
                ["mariadb-admin", "--no-defaults", "-S", str(socket), "-u", "root", "shutdown"],
                capture_output=True,
                check=False,
            )
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _filled(template: str, **values: str) -> str:
    """The PHP template with ``{name}`` placeholders replaced (PHP's own braces kept)."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def build_wordpress(work: Path, posts: list[Post], generator: str) -> Path:
    """The site of ``generator`` (a key of THEMES) with ``posts``; returns the folder of its
    rendered pages (``out/``), the post pages under ``out/posts/<id>/index.html``."""
    theme = THEMES[generator]
    site = work / generator
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(WORDPRESS, site, symlinks=True)
    db = generator.replace("-", "_")
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    spec = {
        "theme": theme,
        "posts": [
            {
                "id": p.id,
                "title": p.doc.title,
                "html": md.render(p.doc.body),
                "date": p.date,
                "category": p.category,
                "tags": p.tags,
                "author": p.author,
            }
            for p in posts
        ],
    }
    (site / "spec.json").write_text(json.dumps(spec), "utf-8")
    with mariadb(work / "wordpress-db") as socket:
        config = _filled(_CONFIG, db=db, socket=str(socket), host=HOST, name=generator)
        (site / "wp-config.php").write_text(config, "utf-8")
        request = _filled(_REQUEST, host=HOST, name=generator)
        (site / "request.php").write_text(request, "utf-8")
        (site / "install.php").write_text(_filled(_INSTALL, host=HOST), "utf-8")
        (site / "render.php").write_text(_RENDER, "utf-8")
        reset = f"DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db}"
        run(["mariadb", "--no-defaults", "-S", str(socket), "-u", "root", "-e", reset], site)
        run(["php", "install.php", f"/{generator}/", str(site / "spec.json")], site)
        out = site / "out"
        paths = [f"/posts/{p.id}/" for p in posts] + list(LISTING_PATHS)
        for path in paths:
            done = subprocess.run(
                ["php", "render.php", f"/{generator}{path}"],
                cwd=site,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0 or "<html" not in done.stdout:
                raise RuntimeError(f"{generator}{path}: no page\n{done.stderr[-2000:]}")
            target = out / path.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(done.stdout, "utf-8")
    return out
