"""The wall lexicon: the data file is well formed, and real wall texts match, per language."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.records import WALL_KINDS
from extractor.walls.lexicon import LEXICON_PATH, WIDGET, entry_regex_source, load, normalize
from extractor.walls.literals import literal_runs
from extractor.walls.screen import pattern_screen, phrase_screen, text_words

LEX = load()


def ids_matching(text: str) -> set[str]:
    return {h.entry.id for h in LEX.match(text)}


def test_file_is_versioned_with_unique_ids_and_known_kinds() -> None:
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", data["version"])
    ids = [e["id"] for e in data["entries"]]
    assert len(ids) == len(set(ids))
    for entry in data["entries"]:
        assert entry["kind"] in (*WALL_KINDS, WIDGET), entry["id"]
        assert entry["strength"] in ("strong", "weak"), entry["id"]
        assert ("phrase" in entry) != ("pattern" in entry), entry["id"]
        assert set(entry) <= {"id", "kind", "lang", "phrase", "pattern", "strength", "vendor"}


def test_every_kind_has_entries_and_nine_languages_are_covered() -> None:
    kinds = {e.kind for e in LEX.entries}
    assert kinds == {*WALL_KINDS, WIDGET}
    assert {"en", "de", "fr", "es", "it", "pt", "sk", "ja", "zh"} <= {e.lang for e in LEX.entries}


def test_each_phrase_matches_its_own_text() -> None:
    for entry in LEX.entries:
        if entry.phrase is not None:
            assert entry.id in {h.entry.id for h in LEX.find(entry.phrase)}, entry.id


def test_patterns_use_syntax_javascript_reads_alike() -> None:
    # the watcher compiles these with the "u" flag: no escapes of plain characters there
    for entry in LEX.entries:
        source = entry_regex_source(entry)
        assert not re.search(r"\\[^\\.^$*+?()\[\]{}|/dDsSwWbB\d]", source), entry.id
        assert "(?P" not in source and "(?i" not in source, entry.id


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Press &amp; Hold", "press & hold"),  # entities decoded (PerimeterX serves it escaped)
        ("We\u2019ve  detected\nthat", "we've detected that"),  # typographic quote, whitespace
        ("\u201cAccept All\u201d", '"accept all"'),
        ("\u00abAceptar todo\u00bb", '"aceptar todo"'),
        ("ＪａｖａＳｃｒｉｐｔ", "javascript"),  # full-width letters (NFKC)
        ("Just a moment\u2026", "just a moment..."),
        ("Java\u00adScript\u200b ist", "javascript ist"),  # soft hyphen, zero-width space
        ("STRASSE Straße", "strasse strasse"),  # case folding
    ],
)
def test_normalize(raw: str, folded: str) -> None:
    assert normalize(raw) == folded


REAL_WALL_TEXTS: list[tuple[str, str]] = [
    # en
    ("We are having trouble retrieving the article content.", "js-en-nyt-retrieving"),
    ("JavaScript is not available.", "js-en-x-not-available"),
    ("Press &amp; Hold", "bot-en-px-press-hold"),
    (
        "www.shop.example needs to review the security of your connection before proceeding.",
        "bot-en-cf-review-security",
    ),
    ("Reference #18.4b2f1002.1710240000.1a2b3c4d", "bot-en-akamai-reference"),
    ("Request unsuccessful. Incapsula incident ID: 0-123", "bot-en-incapsula-incident"),
    ("Already a subscriber? Sign In", "pay-en-already-subscriber"),
    ("You have 2 free member-only stories left this month.", "pay-en-medium-left"),
    (
        "By clicking \u201cAccept All\u201d, you consent to our use of cookies.",
        "consent-en-by-clicking-accept",
    ),
    ("By using this website, you agree to the use of cookies.", "consent-en-implied"),
    ("By continuing to browse our site you accept our use of cookies", "consent-en-implied"),
    ("Sign in to view more content", "login-en-linkedin-view-more"),
    ("We're sorry but the site cannot be accessed from your country.", "geo-en-country-cannot"),
    # de
    (
        "Bitte aktivieren Sie JavaScript, um diese Seite uneingeschränkt nutzen zu können!",
        "js-de-bitte-aktivieren",
    ),
    ("Diesen Artikel weiterlesen mit SPIEGEL+", "pay-de-spiegel-plus"),
    (
        "Durch Klicken auf \u201eAlle akzeptieren\u201c stimmen Sie unserer Verwendung zu.",
        "consent-de-alle-akzeptieren",
    ),
    ("Der Anti-Crawler-Schutz ist für deine IP aktiviert", "bot-de-cleantalk"),
    # fr
    ("Veuillez activer javascript dans votre navigateur.", "js-fr-veuillez-activer"),
    ("Il vous reste 80.68% de cet article à lire.", "pay-fr-lemonde-reste"),
    (
        "En cliquant sur « Tout accepter », vous consentez à notre utilisation des cookies.",
        "consent-fr-tout-accepter",
    ),
    ("Avant d'accéder à Google", "consent-fr-google"),
    # es
    ("JavaScript está desactivado en tu navegador.", "js-es-desactivado"),
    ("¿Eres humano o un robot?", "bot-es-humano-robot"),
    ("Suscríbete para seguir leyendo", "pay-es-suscribete"),
    (
        "Al hacer clic en «Aceptar todo», acepta nuestro uso de cookies.",
        "consent-es-aceptar-todo",
    ),
    # it
    ("Abbonati per continuare a leggere", "pay-it-abbonati"),
    ("Prima di accedere a Google", "consent-it-google"),
    # pt
    ("Complete o desafio abaixo para acessar www.exemplo.com.br", "bot-pt-complete-desafio"),
    # sk
    (
        "Z dôvodu prekročenia maximálneho limitu požiadaviek je nutné potvrdiť, že nie ste robot.",
        "bot-sk-nie-ste-robot",
    ),
    # ja
    ("JavaScriptを有効にしてください", "js-ja-enable"),
    ("この記事は有料会員記事です。残り362文字", "pay-ja-remaining-chars"),
    ("会員登録（無料）すると続きをお読みいただけます。", "pay-ja-continue-read"),
    # zh
    ("当前环境异常，完成验证后即可继续访问。", "bot-zh-wechat-continue"),
]


@pytest.mark.parametrize(("text", "entry_id"), REAL_WALL_TEXTS)
def test_real_wall_texts_match(text: str, entry_id: str) -> None:
    assert entry_id in ids_matching(text)


NEAR_MISSES: list[tuple[str, str]] = [
    ("Just a momentary lapse", "bot-en-just-a-moment"),  # word boundary at the end
    ("Verification successfully completed", "bot-en-verification-successful"),
    ("Subscribe to our newsletter for weekly updates", "pay-en-subscribe-to-read"),
    ("Reject allegations of fraud", "consent-en-reject-all"),  # 'all' is not 'allegations'
    ("ray id: not-hex", "bot-en-cf-ray-id"),
]


@pytest.mark.parametrize(("text", "entry_id"), NEAR_MISSES)
def test_near_misses_do_not_match(text: str, entry_id: str) -> None:
    assert entry_id not in ids_matching(text)


def test_widget_notices_are_their_own_kind() -> None:
    hits = LEX.match("Please enable JavaScript to view the comments powered by Disqus.")
    assert "widget-en-disqus" in {h.entry.id for h in hits if h.entry.kind == WIDGET}


# -- screens: cheap tests before the regex, which must never drop a match


def brute_force(normalized: str) -> list[tuple[str, int, int]]:
    """Every entry's regex on the text, no screens: what ``find`` must return."""
    out = []
    for entry in LEX.entries:
        found = entry.regex().search(normalized)
        if found and found.end() > found.start():
            out.append((entry.id, found.start(), found.end()))
    return out


def screened_corpus() -> list[str]:
    texts = [t for t, _ in REAL_WALL_TEXTS + NEAR_MISSES]
    texts += [e.phrase for e in LEX.entries if e.phrase is not None]
    texts += [f"Intro line. {t} And a closing line, in a longer page." for t in texts]
    texts.append(" ".join(texts))  # many walls in one text
    return [normalize(t) for t in texts]


def test_find_with_screens_equals_every_regex_run() -> None:
    matched = 0
    for text in screened_corpus():
        hits = [(h.entry.id, h.start, h.end) for h in LEX.find(text)]
        assert hits == brute_force(text), text
        matched += bool(hits)
    assert matched > 100  # the corpus exercises the matching path, not only the misses


@pytest.mark.parametrize(
    ("pattern", "matching", "missing"),
    [
        (r"we use cookies( and similar technologies)? to", "we use cookies to", "we use it to"),
        (r"(jetzt )?(weiterlesen mit|um weiterzulesen)", "um weiterzulesen", "weiterlesen"),
        (r"(sign|log) ?in to (continue|read)", "login to read", "sign in to view"),
        (r"ray id: ?[0-9a-f]{16}", "ray id:0123456789abcdef", "ray: 0123456789abcdef"),
        (r"残り\d+文字", "残り120文字", "残り120字"),
    ],
)
def test_pattern_screen_passes_what_matches_and_rules_out_the_rest(
    pattern: str, matching: str, missing: str
) -> None:
    screen = pattern_screen(pattern)
    assert re.search(pattern, matching) and not re.search(pattern, missing)
    assert screen.passes(matching, text_words(matching))
    assert not screen.passes(missing, text_words(missing))


def test_pattern_screen_words_are_whole_words_only() -> None:
    # "we" may follow a letter ("awe use ..."), "use" sits between two spaces
    assert pattern_screen("we use cookies").words == frozenset({b"use"})
    assert phrase_screen("we use cookies").words == frozenset({b"we", b"use", b"cookies"})


@pytest.mark.parametrize(
    "text", ["we use cookies, 2 of them", "caf\u00e9 na\u00efve \u6b8b\u308a120\u6587\u5b57 ok", ""]
)
def test_text_words_are_the_ascii_word_runs(text: str) -> None:
    assert text_words(text) == {w.encode() for w in re.findall(r"[a-z0-9]+", text)}


@pytest.mark.parametrize("pattern", [r"(?i)enable javascript", r"a|b", r"\d+", r"[abc]x"])
def test_pattern_screen_that_cannot_tell_passes_everything(pattern: str) -> None:
    screen = pattern_screen(pattern)
    assert screen.passes("", frozenset())


PATTERNS = sorted({e.pattern for e in LEX.entries if e.pattern is not None})


@pytest.mark.parametrize("pattern", PATTERNS)
def test_pattern_screen_passes_every_text_its_pattern_matches(pattern: str) -> None:
    """The screen is a necessary condition: generated matches (inside other text) all pass."""
    screen = pattern_screen(pattern)

    @settings(max_examples=25, deadline=None, derandomize=True, database=None)
    @given(st.from_regex(pattern))
    def check(text: str) -> None:
        assert re.search(pattern, text)
        assert screen.passes(text, text_words(text)), text

    check()


@pytest.mark.parametrize(
    ("pattern", "runs", "choices"),
    [
        ("(abilita|attiva) javascript", [" javascript"], [("abilita", "attiva")]),
        (r"ray id: ?[0-9a-f]{16}", ["ray id:"], []),
        (r"a\.b\S+c{2}d{,3}e{x}", ["a.b", "e{x}"], []),
        (r"(?:so|on)(?i:ab)(?=zz)x(?P<n>yy)", ["x"], [("so", "on")]),
        (r"we (?:really )use", ["we really use"], []),
        (r"(?i)ab(?#note)cd(?P=n)", ["ab", "cd"], []),
        (r"first|second", [], [("first", "second")]),
        (r"x(a|\d)y", ["x", "y"], []),
        (r"[]a]bc[^\]]de\tf", ["bc", "de\tf"], []),
    ],
)
def test_literal_runs_read_the_pattern_syntax(
    pattern: str, runs: list[str], choices: list[tuple[str, ...]]
) -> None:
    assert literal_runs(pattern) == (runs, choices)


@pytest.mark.parametrize("pattern", ["(ab", "ab)", "[ab", "*a", "ab\\"])
def test_literal_runs_refuse_what_is_not_a_pattern(pattern: str) -> None:
    with pytest.raises(ValueError):
        literal_runs(pattern)
