import pytest

from extractor.browser.blocking import FONT_MEDIA, TRACKERS


@pytest.mark.parametrize(
    ("url", "blocked"),
    [
        ("https://cdn.example/fonts/Inter.woff2", True),
        ("https://cdn.example/f/a.TTF?v=3", True),
        ("https://media.example/clip.mp4#t=2", True),
        ("https://media.example/live/index.m3u8", True),
        ("https://cdn.example/img/photo.jpg", False),
        ("https://cdn.example/app.js", False),
        ("https://example.com/woff2-guide/", False),
        ("https://cdn.example/styles.css?font=woff2", False),
    ],
)
def test_fonts_and_media(url: str, blocked: bool) -> None:
    assert bool(FONT_MEDIA.search(url)) is blocked


@pytest.mark.parametrize(
    ("url", "blocked"),
    [
        ("https://www.google-analytics.com/analytics.js", True),
        ("https://www.googletagmanager.com/gtm.js?id=GTM-1", True),
        ("https://securepubads.g.doubleclick.net/tag/js/gpt.js", True),
        ("https://connect.facebook.net/en_US/fbevents.js", True),
        ("https://cdn.taboola.com/libtrc/site/loader.js", True),
        ("https://example.com/google-analytics.com/page", False),
        ("https://notdoubleclick.net.example.com/x", False),
        ("https://challenges.cloudflare.com/turnstile/v0/api.js", False),  # walls show themselves
        ("https://js.captcha-delivery.com/captcha/", False),
        ("https://cdn.cookielaw.org/scripttemplates/otSDKStub.js", False),  # consent managers too
        ("https://www.facebook.com/story", False),
    ],
)
def test_trackers(url: str, blocked: bool) -> None:
    assert bool(TRACKERS.search(url)) is blocked
