"""What a documentation page's Markdown holds, and how much of the truth's an output keeps.

Both sides (the source Markdown and an extractor's output) are rendered to HTML by one CommonMark
renderer with GFM tables and raw HTML kept, and the blocks are counted in that HTML, so a block
counts the same on either side, whether the Markdown wrote it as Markdown or as HTML. Relative link and image targets are made
absolute against the page's URL; a relative link whose target the generator rewrites (``./x.md``
becomes ``./x/``) is compared by its text alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from urllib.parse import urljoin

import lxml.html
from lxml.html import HtmlElement
from markdown_it import MarkdownIt

# GFM tables; raw HTML in the Markdown is kept (READMEs write headings, links and images so)
_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# spellings of one language
ALIASES = {
    "js": "javascript", "mjs": "javascript", "cjs": "javascript", "jsx": "javascript",
    "ts": "typescript", "tsx": "typescript", "sh": "bash", "shell": "bash", "zsh": "bash",
    "console": "bash", "shellsession": "bash", "yml": "yaml", "py": "python", "text": "",
    "txt": "", "plaintext": "", "plain": "", "none": "",
}  # fmt: skip
CODE_MATCH = 0.9  # a code block is found when this close to the truth's (difflib ratio)
TABLE_MATCH = 0.8  # share of the truth table's cells found in one output table


# the typographic marks a generator's "smart punctuation" writes for ASCII ones (SmartyPants,
# kramdown's typographic symbols: "--" becomes an en dash, quotes curl): the page says the same
# thing, so headings, list items and link texts compare with them folded
_TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."}
)
_DASHES = re.compile(r"-{2,}")


def norm(text: str) -> str:
    folded = _DASHES.sub("-", text.translate(_TYPOGRAPHY))
    return _SPACE.sub(" ", folded).strip().casefold()


def language(info: str) -> str:
    lang = info.strip().split(maxsplit=1)[0].casefold() if info.strip() else ""
    lang = lang.strip("{}").removeprefix("language-")
    return ALIASES.get(lang, lang)


@dataclass
class Blocks:
    """The countable parts of one page's Markdown."""

    headings: Counter[tuple[int, str]] = field(default_factory=Counter)
    code: list[tuple[str, str]] = field(default_factory=list)  # (language, text)
    tables: list[set[str]] = field(default_factory=list)  # each table's cells
    items: Counter[str] = field(default_factory=Counter)  # list items' own text
    links: Counter[tuple[str, str]] = field(default_factory=Counter)  # (text, target or "")
    images: Counter[str] = field(default_factory=Counter)  # absolute src


def _text(el: HtmlElement, skip: tuple[str, ...] = ()) -> str:
    """The element's text, without the subtrees named in ``skip``."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in skip:
                walk(child)
            parts.append(child.tail or "")

    walk(el)
    return norm("".join(parts))


def _is_web(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def blocks_of(markdown: str, page_url: str) -> Blocks:
    """Render the Markdown (raw HTML in it included) and count what the HTML holds."""
    found = Blocks()
    rendered = _PARSER.render(markdown)
    if not rendered.strip():
        return found
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        text = _text(el)
        if text:
            found.headings[(int(el.tag[1]), text)] += 1
    for pre in root.iter("pre"):
        code = pre.find("code")
        cls = (code if code is not None else pre).get("class", "")
        info = next((c for c in cls.split() if c.startswith("language-")), "")
        found.code.append(
            (language(info), (code if code is not None else pre).text_content().strip("\n"))
        )
    for table in root.iter("table"):
        found.tables.append({t for t in (_text(c) for c in table.iter("td", "th")) if t})
    for li in root.iter("li"):
        text = _text(li, skip=("ul", "ol", "pre", "table"))
        if text:
            found.items[text] += 1
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href:
            continue
        # a target relative in the source is rewritten by every generator: text only
        target = urljoin(page_url, href) if _is_web(href) else ""
        found.links[(_text(a), target)] += 1
    for img in root.iter("img"):
        src = (img.get("src") or "").strip()
        found.images[urljoin(page_url, src) if src else ""] += 1
    return found


@dataclass
class Score:
    """Matched and total counts of one kind of block (summed over pages)."""

    hit: int = 0
    truth: int = 0
    out: int = 0

    def add(self, hit: int, truth: int, out: int) -> None:
        self.hit += hit
        self.truth += truth
        self.out += out

    def recall(self) -> float:
        return self.hit / self.truth if self.truth else float("nan")

    def f1(self) -> float:
        if not self.truth and not self.out:
            return float("nan")
        p = self.hit / self.out if self.out else 0.0
        r = self.hit / self.truth if self.truth else 0.0
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _bag(score: Score, truth: Counter[str] | Counter[tuple[int, str]] | Counter[tuple[str, str]],
         out: Counter[str] | Counter[tuple[int, str]] | Counter[tuple[str, str]]) -> None:  # fmt: skip
    score.add(sum((truth & out).values()), sum(truth.values()), sum(out.values()))  # type: ignore[operator]


def _links_bag(
    truth: Counter[tuple[str, str]], out: Counter[tuple[str, str]]
) -> tuple[int, int, int]:
    """Links match on (text, URL); a truth link without a comparable URL matches on its text.

    Each output link matches one truth link at most: the links with a URL take their exact
    match first, then the text-only ones take any output link of the same text left over."""
    left = out.copy()
    hit = 0
    for (text, target), n in truth.items():
        if target:
            take = min(n, left[(text, target)])
            left[(text, target)] -= take
            hit += take
    texts_left = Counter(text for text, _ in (+left).elements())
    for (text, target), n in truth.items():
        if not target:
            take = min(n, texts_left[text])
            texts_left[text] -= take
            hit += take
    return hit, sum(truth.values()), sum(out.values())


@dataclass
class PageScores:
    headings: Score = field(default_factory=Score)
    code: Score = field(default_factory=Score)
    code_lang: Score = field(default_factory=Score)
    tables: Score = field(default_factory=Score)
    items: Score = field(default_factory=Score)
    links: Score = field(default_factory=Score)
    images: Score = field(default_factory=Score)

    def merge(self, other: PageScores) -> None:
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.add(theirs.hit, theirs.truth, theirs.out)


def compare(truth: Blocks, out: Blocks) -> PageScores:
    s = PageScores()
    _bag(s.headings, truth.headings, out.headings)
    _bag(s.items, truth.items, out.items)
    _bag(s.images, truth.images, out.images)
    s.links.add(*_links_bag(truth.links, out.links))
    left = list(out.code)
    with_lang = [c for c in truth.code if c[0]]
    for lang, text in truth.code:
        best, ratio = _most_similar(text, left)
        if best is not None and ratio >= CODE_MATCH:
            left.remove(best)
            s.code.hit += 1
            if lang and best[0] == lang:
                s.code_lang.hit += 1
    s.code.truth, s.code.out = len(truth.code), len(out.code)
    s.code_lang.truth, s.code_lang.out = len(with_lang), len([c for c in out.code if c[0]])
    tables = list(out.tables)
    for cells in truth.tables:
        best_t = max(tables, key=lambda t: len(cells & t), default=None)
        if best_t is not None and cells and len(cells & best_t) >= TABLE_MATCH * len(cells):
            tables.remove(best_t)
            s.tables.hit += 1
    s.tables.truth, s.tables.out = len(truth.tables), len(out.tables)
    return s


def _most_similar(text: str, blocks: list[tuple[str, str]]) -> tuple[tuple[str, str] | None, float]:
    """The first of the blocks whose code is most like ``text``, and how alike (1.0 for the same
    code once normalised, else difflib's ratio); a block's cheap upper bounds are looked at
    before its ratio is worked out."""
    key = norm(text)
    for block in blocks:
        if norm(block[1]) == key:
            return block, 1.0
    best, best_ratio = None, -1.0
    for block in blocks:
        matcher = SequenceMatcher(None, key, norm(block[1]), autojunk=False)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = block, ratio
    return best, max(best_ratio, 0.0)


def noise_lines(output_text: str, truth_text: str) -> list[str]:
    """Lines of the output (Markdown stripped) whose words do not occur in the truth.

    A line of four words or more is noise when none of its 4-word runs is in the truth; a
    shorter line when its words do not occur together, in order, in the truth.
    """
    words = [w.casefold() for w in _WORD.findall(truth_text)]
    grams = {tuple(words[i : i + 4]) for i in range(len(words) - 3)}
    joined = " " + " ".join(words) + " "
    noise = []
    for line in output_text.splitlines():
        lw = [w.casefold() for w in _WORD.findall(line)]
        if not lw:
            continue
        if len(lw) >= 4:
            if not any(tuple(lw[i : i + 4]) in grams for i in range(len(lw) - 3)):
                noise.append(line.strip())
        elif f" {' '.join(lw)} " not in joined:
            noise.append(line.strip())
    return noise
