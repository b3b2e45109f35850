"""The filters of Obsidian Web Clipper templates (``{{title|lower|safe_name}}``), as documented.

Values flow between filters as text, the way the clipper passes them: an array or an object is
its JSON text (``["a","b"]``), so ``split`` then ``join`` round-trips and ``first`` of a
non-array gives the input back. Each filter takes the value and its raw parameter text (what
follows ``name:``) and returns text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from soupsieve import SelectorSyntaxError

from . import dayjs
from .names import safe_name

# What a CSS selector a user wrote wrong raises: bad syntax, or a pseudo-element that selects
# nothing in a document tree (::before).
BAD_SELECTOR = (SelectorSyntaxError, NotImplementedError)

Filter = Callable[[str, str | None], str]


# -- JavaScript-like views of values ------------------------------------------------------


def parse_json(text: str) -> Any:
    """The array or object ``text`` holds, or None when it holds neither."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return None
    try:
        value = json.loads(stripped)
    except ValueError:
        return None
    return value if isinstance(value, list | dict) else None


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def js_str(value: Any) -> str:
    """``String(value)`` as JavaScript writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, list):
        return ",".join("" if v is None else js_str(v) for v in value)
    return str(value)


# -- parameters ---------------------------------------------------------------------------


def split_outside(text: str, sep: str) -> list[str]:
    """Split on ``sep`` where it is not inside quotes or brackets and not escaped."""
    parts, depth, quote, start, i = [], 0, "", 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            start = i + len(sep)
            i += len(sep)
            continue
        i += 1
    parts.append(text[start:])
    return parts


def unquote_arg(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def args(param: str | None) -> list[str]:
    """``("a", "b")``, ``"a","b"`` or ``a,b``: the unquoted arguments."""
    if param is None or not param.strip():
        return []
    text = param.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return [unquote_arg(part) for part in split_outside(text, ",")]


def _escapes(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


# -- dates --------------------------------------------------------------------------------


def date(value: str, param: str | None) -> str:
    if not value.strip():
        return ""
    given = args(param)
    moment = dayjs.parse_date(value, given[1] if len(given) > 1 else None)
    if moment is None:
        return value
    return dayjs.format_date(moment, given[0]) if given else dayjs.format_date(moment)


_MODIFY = re.compile(r"^([+-])\s*(\d+)\s*([A-Za-z]+)$")


def date_modify(value: str, param: str | None) -> str:
    given = args(param)
    moment = dayjs.parse_date(value)
    found = _MODIFY.match(given[0]) if given else None
    if moment is None or found is None:
        return value
    amount = int(found[2]) * (1 if found[1] == "+" else -1)
    moved = dayjs.shift(moment, amount, found[3])
    return value if moved is None else dayjs.format_date(moved, "YYYY-MM-DD")


# -- text ---------------------------------------------------------------------------------


def _words(value: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", value)
    return [w for w in re.split(r"[^A-Za-z0-9\u00C0-\uFFFF]+", spaced) if w]


def title(value: str, _: str | None) -> str:
    return re.sub(r"\w\S*", lambda m: m[0][:1].upper() + m[0][1:].lower(), value)


def capitalize(value: str, _: str | None) -> str:
    return value[:1].upper() + value[1:].lower()


def camel(value: str, _: str | None) -> str:
    words = _words(value)
    return "".join(w.lower() if i == 0 else w.capitalize() for i, w in enumerate(words))


def pascal(value: str, _: str | None) -> str:
    return "".join(w.capitalize() for w in _words(value))


def kebab(value: str, _: str | None) -> str:
    return "-".join(w.lower() for w in _words(value))


def snake(value: str, _: str | None) -> str:
    return "_".join(w.lower() for w in _words(value))


def uncamel(value: str, _: str | None) -> str:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", value)
    return re.sub(r"([A-Z])([A-Z][a-z])", r"\1 \2", spaced).lower()


_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}


def _js_replacement(template: str) -> Callable[[re.Match[str]], str]:
    def expand(match: re.Match[str]) -> str:
        def group(ref: re.Match[str]) -> str:
            if ref[0] == "$$":
                return "$"
            if ref[0] == "$&":
                return match[0]
            index = int(ref[1])
            return (match[index] or "") if index <= (match.re.groups or 0) else ref[0]

        return re.sub(r"\$\$|\$&|\$(\d{1,2})", group, template)

    return expand


def _unescape_term(text: str) -> str:
    return re.sub(r"\\([:|{}()'\"\\])", r"\1", text)


def replace(value: str, param: str | None) -> str:
    if not param:
        return value
    text = param.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    for pair in split_outside(text, ","):
        pieces = split_outside(pair, ":")
        if len(pieces) < 2:
            continue
        search = unquote_arg(pieces[0])
        repl = _escapes(unquote_arg(":".join(pieces[1:])))
        regex = re.fullmatch(r"/(.+)/([gimsuy]*)", search, re.DOTALL)
        if regex:
            flags = 0
            for flag in regex[2]:
                flags |= _FLAGS.get(flag, 0)
            try:
                # a template may double its backslashes ("/\\\\s+/"): both spellings work
                pattern = re.compile(regex[1].replace("\\\\", "\\"), flags)
            except re.error:
                continue
            value = pattern.sub(_js_replacement(repl), value, count=0 if "g" in regex[2] else 1)
        else:
            value = value.replace(_escapes(_unescape_term(search)), repl)
    return value


def trim(value: str, _: str | None) -> str:
    return value.strip()


def lower(value: str, _: str | None) -> str:
    return value.lower()


def upper(value: str, _: str | None) -> str:
    return value.upper()


def safe_name_filter(value: str, param: str | None) -> str:
    given = args(param)
    return safe_name(value, given[0] if given else "default")


def decode_uri(value: str, _: str | None) -> str:
    return unquote(value)


# -- Markdown formatting ------------------------------------------------------------------


def blockquote(value: str, _: str | None) -> str:
    return "\n".join(f"> {line}" for line in value.split("\n"))


def callout(value: str, param: str | None) -> str:
    given = args(param)
    kind = given[0] if given and given[0] else "info"
    heading = given[1] if len(given) > 1 else ""
    fold = {"true": "-", "false": "+"}.get(given[2] if len(given) > 2 else "", "")
    head = f"> [!{kind}]{fold}" + (f" {heading}" if heading else "")
    return head + "\n" + "\n".join(f"> {line}" for line in value.split("\n"))


def _each(value: str, one: Callable[[str, str], str], label: str) -> str:
    """Apply a link-like filter to a string, each array item, or each object entry."""
    data = parse_json(value)
    if isinstance(data, list):
        return to_json([one(js_str(item), label) for item in data if js_str(item)])
    if isinstance(data, dict):
        return to_json([one(str(k), label or js_str(v)) for k, v in data.items()])
    return one(value, label) if value.strip() else ""


def wikilink(value: str, param: str | None) -> str:
    alias = unquote_arg(param or "")
    return _each(value, lambda page, a: f"[[{page}|{a}]]" if a else f"[[{page}]]", alias)


def _escape_text(text: str) -> str:
    return re.sub(r"([\[\]])", r"\\\1", text)


def link(value: str, param: str | None) -> str:
    text = unquote_arg(param or "")
    return _each(value, lambda url, t: f"[{_escape_text(t or url)}]({url})", text)


def image(value: str, param: str | None) -> str:
    alt = unquote_arg(param or "")
    return _each(value, lambda url, a: f"![{a}]({url})", alt)


def _items(value: str) -> list[Any]:
    data = parse_json(value)
    return data if isinstance(data, list) else [value]


def list_filter(value: str, param: str | None) -> str:
    style = unquote_arg(param or "")
    data = parse_json(value)
    items = data if isinstance(data, list) else [value]

    def mark(index: int) -> str:
        number = f"{index}." if style.startswith("numbered") else "-"
        return f"{number} [ ]" if style.endswith("task") else number

    lines: list[str] = []

    def walk(entries: list[Any], depth: int) -> None:
        for i, item in enumerate(entries, 1):
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                lines.append("\t" * depth + f"{mark(i)} {js_str(item)}")

    walk(items, 0)
    return "\n".join(lines)


def _cell(value: Any) -> str:
    return js_str(value).replace("|", "\\|").replace("\n", " ")


def table(value: str, param: str | None) -> str:
    data = parse_json(value)
    if not isinstance(data, list) or not data:
        return value
    headers = args(param)
    if all(isinstance(row, dict) for row in data):
        keys = list(dict.fromkeys(k for row in data for k in row))
        rows = [[row.get(k, "") for k in keys] for row in data]
        headers = headers or keys
    elif all(isinstance(row, list) for row in data):
        width = max(len(row) for row in data)
        rows = [row + [""] * (width - len(row)) for row in data]
        headers = headers or [str(i) for i in range(width)]
    elif headers:
        width = len(headers)
        rows = [data[i : i + width] for i in range(0, len(data), width)]
        rows = [row + [""] * (width - len(row)) for row in rows]
    else:
        headers, rows = ["Value"], [[item] for item in data]
    out = ["| " + " | ".join(headers) + " |", "| " + " | ".join("-" for _ in headers) + " |"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def footnote(value: str, _: str | None) -> str:
    data = parse_json(value)
    if isinstance(data, list):
        return "\n\n".join(f"[^{i}]: {js_str(v)}" for i, v in enumerate(data, 1))
    if isinstance(data, dict):
        return "\n\n".join(f"[^{kebab(str(k), None)}]: {js_str(v)}" for k, v in data.items())
    return value


_STRIP_MD = (
    (r"!\[([^\]]*)\]\([^)]+\)", ""),  # images
    (r"!\[\[([^\]]+)\]\]", ""),  # embeds
    (r"\[([^\]]+)\]\([^)]+\)", r"\1"),  # links keep their text
    (r"https?://\S+", ""),  # bare URLs
    (r"(\*\*|__)(.*?)\1", r"\2"),  # bold
    (r"(\*|_)(.*?)\1", r"\2"),  # italic
    (r"==(.*?)==", r"\1"),  # highlights
    (r"(?m)^#+\s+", ""),  # headings
    (r"`([^`]+)`", r"\1"),  # inline code
    (r"```[\s\S]*?```", ""),  # code blocks
    (r"~~(.*?)~~", r"\1"),  # strikethrough
    (r"(?m)^[-*+] (\[[x ]\] )?", ""),  # list items and tasks
    (r"(?m)^([-*_]){3,}\s*$", ""),  # rules
    (r"(?m)^>\s+", ""),  # quotes
    (r"\|.*\|", ""),  # tables
    (r"([~^])(\w+)\1", r"\2"),  # sub- and superscript
    (r":[a-z_]+:", ""),  # emoji codes
    (r"<[^>]+>", ""),  # HTML
    (r"\[\s*\]", ""),  # empty brackets
    (r"\[\^[^\]]+\]", ""),  # footnote references
    (r"(?m)^\*\[[^\]]+\]:.+$", ""),  # abbreviations
)


def strip_md(value: str, _: str | None) -> str:
    for pattern, repl in _STRIP_MD:
        value = re.sub(pattern, repl, value)
    value = re.sub(r"\[\[([^\]|]+)\|?([^\]]*)\]\]", lambda m: m[2] or m[1], value)
    return re.sub(r"\n{3,}", "\n\n", value).strip()


def strip_tags(value: str, param: str | None) -> str:
    keep = {t.strip().lower() for a in args(param) for t in a.split(",") if t.strip()}

    def tag(match: re.Match[str]) -> str:
        return match[0] if match[1].lower() in keep else ""

    return re.sub(r"</?([A-Za-z][\w-]*)\b[^>]*>", tag, value)


def _names(param: str | None) -> list[str]:
    return [n.strip() for a in args(param) for n in a.split(",") if n.strip()]


def _soup(value: str) -> Any:
    from bs4 import BeautifulSoup

    return BeautifulSoup(value, "html.parser")


def remove_html(value: str, param: str | None) -> str:
    """Elements (by tag, .class or #id) removed with their content."""
    selectors = _names(param)
    if not selectors:
        return value
    soup = _soup(value)
    try:
        found = soup.select(", ".join(selectors))
    except BAD_SELECTOR:  # a selector a template got wrong removes nothing
        return value
    for node in found:
        node.decompose()
    return str(soup)


def remove_tags(value: str, param: str | None) -> str:
    """The named tags removed, their content kept."""
    names = {n.lower() for n in _names(param)}
    soup = _soup(value)
    for node in soup.find_all(list(names)):
        node.unwrap()
    return str(soup)


def replace_tags(value: str, param: str | None) -> str:
    """``"strong":"h2"``: every <strong> becomes an <h2>, content and attributes kept."""
    pair = [unquote_arg(p) for p in split_outside((param or "").strip().strip("()"), ":")]
    if len(pair) != 2 or not pair[0] or not pair[1]:
        return value
    soup = _soup(value)
    for node in soup.find_all(pair[0].lower()):
        node.name = pair[1]
    return str(soup)


def remove_attr(value: str, param: str | None) -> str:
    """The named attributes removed from every tag."""
    names = {n.lower() for n in _names(param)}
    soup = _soup(value)
    for node in soup.find_all(True):
        for name in [a for a in node.attrs if a.lower() in names]:
            del node[name]
    return str(soup)


def strip_attr(value: str, param: str | None) -> str:
    """Every attribute removed, except the named ones."""
    keep = {n.lower() for n in _names(param)}
    soup = _soup(value)
    for node in soup.find_all(True):
        node.attrs = {k: v for k, v in node.attrs.items() if k.lower() in keep}
    return str(soup)


def markdown(value: str, _: str | None) -> str:
    from .. import dom
    from ..markdown import to_markdown

    root = dom.parse(f"<div>{value}</div>").find(".//body")
    return to_markdown(root).strip() if root is not None else value


# -- arrays and objects -------------------------------------------------------------------


def first(value: str, _: str | None) -> str:
    data = parse_json(value)
    return js_str(data[0]) if isinstance(data, list) and data else value


def last(value: str, _: str | None) -> str:
    data = parse_json(value)
    return js_str(data[-1]) if isinstance(data, list) and data else value


def join(value: str, param: str | None) -> str:
    data = parse_json(value)
    if not isinstance(data, list):
        return value
    given = args(param)
    sep = _escapes(given[0]) if given else ","
    return sep.join("" if item is None else js_str(item) for item in data)


def split(value: str, param: str | None) -> str:
    if not value:
        return "[]"
    sep = unquote_arg(param or "")
    if not sep:
        return to_json(list(value))
    regex = re.fullmatch(r"/(.+)/([gimsuy]*)", sep)
    if regex or re.search(r"[\[\]()*+?{}^$|\\]", sep):
        try:
            return to_json(re.split(regex[1] if regex else sep, value))
        except re.error:
            pass
    return to_json(value.split(_escapes(sep)))


def slice_filter(value: str, param: str | None) -> str:
    given = args(param)
    if not given:
        return value
    try:
        bounds = [int(given[0]) if given[0] else None, int(given[1]) if len(given) > 1 else None]
    except ValueError:
        return value
    data = parse_json(value)
    if isinstance(data, list):
        return to_json(data[bounds[0] : bounds[1]])
    return value[bounds[0] : bounds[1]]


def unique(value: str, _: str | None) -> str:
    data = parse_json(value)
    if isinstance(data, list):
        seen: set[str] = set()
        kept = []
        for item in data:
            key = to_json(item)
            if key not in seen:
                seen.add(key)
                kept.append(item)
        return to_json(kept)
    if isinstance(data, dict):
        last_key = {to_json(v): k for k, v in data.items()}
        return to_json({k: v for k, v in data.items() if last_key[to_json(v)] == k})
    return value


def merge(value: str, param: str | None) -> str:
    data = parse_json(value)
    base = data if isinstance(data, list) else ([value] if value else [])
    return to_json([*base, *args(param)])


def reverse(value: str, _: str | None) -> str:
    data = parse_json(value)
    if isinstance(data, list):
        return to_json(data[::-1])
    if isinstance(data, dict):
        return to_json(dict(reversed(list(data.items()))))
    return value[::-1]


def object_filter(value: str, param: str | None) -> str:
    data = parse_json(value)
    if not isinstance(data, dict):
        return value
    mode = unquote_arg(param or "")
    if mode == "array":
        return to_json([[k, v] for k, v in data.items()])
    if mode == "keys":
        return to_json(list(data))
    if mode == "values":
        return to_json(list(data.values()))
    return value


def length(value: str, _: str | None) -> str:
    data = parse_json(value)
    return str(len(data) if data is not None else len(value))


# -- numbers ------------------------------------------------------------------------------


def _number(value: str) -> float | None:
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _js_number(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(number)


def round_filter(value: str, param: str | None) -> str:
    number = _number(value)
    if number is None:
        return value
    given = args(param)
    places = int(given[0]) if given and given[0].lstrip("-").isdigit() else 0
    scale = 10**places
    return _js_number(math.floor(number * scale + 0.5) / scale)


def calc(value: str, param: str | None) -> str:
    number = _number(value)
    given = args(param)
    found = re.fullmatch(r"\s*(\*\*|\^|[-+*/])\s*(-?[\d.]+)\s*", given[0]) if given else None
    if number is None or found is None:
        return value
    operand = float(found[2])
    op = found[1]
    if op == "/" and operand == 0:
        return value
    result = {
        "+": number + operand,
        "-": number - operand,
        "*": number * operand,
        "/": number / operand if operand else math.nan,
        "**": number**operand,
        "^": number**operand,
    }[op]
    return _js_number(result)


FILTERS: dict[str, Filter] = {
    "blockquote": blockquote,
    "calc": calc,
    "callout": callout,
    "camel": camel,
    "capitalize": capitalize,
    "date": date,
    "date_modify": date_modify,
    "decode_uri": decode_uri,
    "first": first,
    "footnote": footnote,
    "image": image,
    "join": join,
    "kebab": kebab,
    "last": last,
    "length": length,
    "link": link,
    "list": list_filter,
    "lower": lower,
    "markdown": markdown,
    "merge": merge,
    "object": object_filter,
    "pascal": pascal,
    "replace": replace,
    "remove_attr": remove_attr,
    "remove_html": remove_html,
    "remove_tags": remove_tags,
    "replace_tags": replace_tags,
    "reverse": reverse,
    "round": round_filter,
    "safe_name": safe_name_filter,
    "slice": slice_filter,
    "snake": snake,
    "split": split,
    "strip_attr": strip_attr,
    "strip_md": strip_md,
    "strip_tags": strip_tags,
    "table": table,
    "title": title,
    "trim": trim,
    "uncamel": uncamel,
    "unique": unique,
    "upper": upper,
    "wikilink": wikilink,
}


def apply_filter(name: str, value: str, param: str | None) -> str:
    """``value`` through the named filter; an unknown filter leaves it as it is."""
    found = FILTERS.get(name)
    return found(value, param) if found else value
