"""Bot-protection and consent vendors recognised by headers, URLs and markup, not by wording.

Mitigation headers are strong (the vendor says it challenged or blocked the request). Markup
markers are weak unless only a challenge or block page carries them: many vendors inject their
scripts on every normal page too (Cloudflare's JSD script, Imperva's ``_Incapsula_Resource``,
PerimeterX's ``_pxAppId``, a Turnstile widget on a contact form).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from extractor.walls.scan import Scan
from extractor.walls.signals import STRONG_WEIGHT, WEAK_WEIGHT, Signal

BOT = "bot-check"
CONSENT = "consent"
NAME_ONLY = 0  # weight of a marker that names a vendor but is no evidence of a wall

# (header, test on the lower-cased value and the status, kind, vendor, weight)
HeaderRule = tuple[str, Callable[[str, int | None], bool], str, str, int]
HEADER_RULES: tuple[HeaderRule, ...] = (
    # Cloudflare says so when it served a challenge instead of the page
    ("cf-mitigated", lambda v, s: "challenge" in v, BOT, "Cloudflare", STRONG_WEIGHT),
    # DataDome tags every response; on a 403 it is the block page
    ("x-datadome", lambda v, s: s in (403, 405, 429), BOT, "DataDome", STRONG_WEIGHT),
    ("x-datadome", lambda v, s: s not in (403, 405, 429), BOT, "DataDome", WEAK_WEIGHT),
    ("x-dd-b", lambda v, s: True, BOT, "DataDome", WEAK_WEIGHT),
    ("server", lambda v, s: v == "datadome" and s == 403, BOT, "DataDome", STRONG_WEIGHT),
    # Akamai's edge answers itself when its bot manager denies the request (403) or wants its
    # challenge solved first (428)
    (
        "server",
        lambda v, s: v.startswith("akamaighost") and s in (403, 428),
        BOT,
        "Akamai",
        STRONG_WEIGHT,
    ),
    ("x-amzn-waf-action", lambda v, s: bool(v), BOT, "AWS WAF", STRONG_WEIGHT),
    ("x-vercel-mitigated", lambda v, s: bool(v), BOT, "Vercel", STRONG_WEIGHT),
    ("x-sucuri-block", lambda v, s: bool(v), BOT, "Sucuri", STRONG_WEIGHT),
    # Cloudflare in front of a page that came back as an error: worth a look, not proof
    ("server", lambda v, s: v == "cloudflare" and s in (403, 429, 503), BOT, "Cloudflare", 1),
)

# status codes that mean something on their own
STATUS_RULES: dict[int, tuple[str, int]] = {
    451: ("geo-block", STRONG_WEIGHT),  # Unavailable For Legal Reasons
}

# (substring of the final URL, kind, vendor, weight)
URL_RULES: tuple[tuple[str, str, str, int], ...] = (
    ("google.com/sorry/", BOT, "Google", STRONG_WEIGHT),
    ("/httpservice/retry/enablejs", "javascript", "Google", STRONG_WEIGHT),
    ("linkedin.com/checkpoint/", BOT, "LinkedIn", STRONG_WEIGHT),
    ("linkedin.com/authwall", "login", "LinkedIn", STRONG_WEIGHT),
    ("consent.google.", "consent", "Google", STRONG_WEIGHT),
    ("consent.youtube.", "consent", "Google", STRONG_WEIGHT),
    ("guce.yahoo.com", "consent", "Yahoo", STRONG_WEIGHT),
    ("consent.yahoo.com", "consent", "Yahoo", STRONG_WEIGHT),
    ("instagram.com/accounts/login", "login", "Instagram", STRONG_WEIGHT),
)

# (label, marker in script src/text, iframe src, form action, id or class; kind, vendor, weight)
MARKUP_RULES: tuple[tuple[str, str, str, str, int], ...] = (
    ("script", "_cf_chl_opt", BOT, "Cloudflare", STRONG_WEIGHT),  # the challenge page's config
    ("script", "/cdn-cgi/challenge-platform/h/", BOT, "Cloudflare", WEAK_WEIGHT),
    ("selector", "challenge-error-text", BOT, "Cloudflare", WEAK_WEIGHT),
    ("selector", "cf-error-details", BOT, "Cloudflare", WEAK_WEIGHT),
    ("script", "captcha-delivery.com", BOT, "DataDome", STRONG_WEIGHT),  # its captcha host
    ("selector", "px-captcha", BOT, "PerimeterX", STRONG_WEIGHT),
    ("script", "_pxappid", BOT, "PerimeterX", WEAK_WEIGHT),
    ("script", "_incapsula_resource", BOT, "Imperva", WEAK_WEIGHT),
    ("script", "kpsdk.scriptstart", BOT, "Kasada", WEAK_WEIGHT),
    ("script", "awswaf", BOT, "AWS WAF", WEAK_WEIGHT),
    ("script", "gokuprops", BOT, "AWS WAF", STRONG_WEIGHT),  # AWS WAF challenge page state
    ("script", "sucuri_cloudproxy_js", BOT, "Sucuri", STRONG_WEIGHT),
    # Akamai Bot Manager's challenge interstitial: its script path and its container
    ("script", "/_sec/cp_challenge/", BOT, "Akamai", STRONG_WEIGHT),
    ("selector", "sec-if-cpt-container", BOT, "Akamai", STRONG_WEIGHT),
    ("selector", "shopify-challenge__message", BOT, "Shopify", STRONG_WEIGHT),
    ("selector", "vercel-security-checkpoint", BOT, "Vercel", WEAK_WEIGHT),
    ("selector", "meteredcontent", "paywall", "Medium", WEAK_WEIGHT),  # member-only story
    # consent managers: present on most pages, so they only name the vendor of a consent wall
    ("selector", "onetrust", CONSENT, "OneTrust", NAME_ONLY),
    ("selector", "cybotcookiebot", CONSENT, "Cookiebot", NAME_ONLY),
    ("selector", "didomi", CONSENT, "Didomi", NAME_ONLY),
    ("selector", "qc-cmp2", CONSENT, "Quantcast", NAME_ONLY),
    ("selector", "sp_message", CONSENT, "Sourcepoint", NAME_ONLY),
    ("selector", "cky-consent", CONSENT, "CookieYes", NAME_ONLY),
    ("selector", "usercentrics", CONSENT, "Usercentrics", NAME_ONLY),
)


# words several markers share: when the markup lacks one, none of its markers is there
MARKER_FAMILIES = ("challenge", "captcha")


def header_signals(status: int | None, headers: Mapping[str, str]) -> list[Signal]:
    out: list[Signal] = []
    lowered = {k.lower(): v.strip().lower() for k, v in headers.items()}
    for name, test, kind, vendor, weight in HEADER_RULES:
        value = lowered.get(name)
        if value is not None and test(value, status):
            out.append(Signal(kind, weight, f"header:{name}: {value}", vendor))
    return out + status_signals(status)


def status_signals(status: int | None) -> list[Signal]:
    """What the status code says on its own (451: the server refuses this reader)."""
    if status not in STATUS_RULES:
        return []
    kind, weight = STATUS_RULES[status]
    return [Signal(kind, weight, f"header:status {status}")]


def url_signals(url: str) -> list[Signal]:
    low = url.lower()
    host_and_path = "".join(urlsplit(low)[1:3]) if "://" in low else low
    return [
        Signal(kind, weight, f"url:{marker}", vendor)
        for marker, kind, vendor, weight in URL_RULES
        if marker in host_and_path
    ]


def markup_signals(scan: Scan) -> list[Signal]:
    """Vendor markers in scripts, iframes, forms and id/class names."""
    haystack = scan.markup
    absent = {family for family in MARKER_FAMILIES if family not in haystack}
    out: list[Signal] = []
    for label, marker, kind, vendor, weight in MARKUP_RULES:
        if any(family in marker for family in absent):
            continue  # one test rules out the whole family
        if marker in haystack:
            out.append(Signal(kind, weight, f"{label}:{marker}", vendor))
    return out
