"""Render Obsidian Web Clipper template text: ``{{variable|filter:param ?? "fallback"}}``.

Syntax, as the clipper documents it:
  - ``{{title}}`` a variable (presets, ``meta:``, ``selector:``, ``selectorHtml:``, ``schema:``);
  - ``{{title|lower|safe_name}}`` filters, applied left to right, each with an optional
    parameter after ``:``;
  - ``{{title ?? headline ?? "Untitled"}}`` the first alternative that is not empty; filters
    bind tighter than ``??``;
  - ``{{"summarize this"}}`` alone is a prompt for the clipper's Interpreter, which runs a
    language model: it renders empty here and is reported by ``template_problems``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from .filters import FILTERS, apply_filter, split_outside, unquote_arg


class Variables(Protocol):
    def get(self, name: str) -> str:
        """The value of a variable name as written in a template; "" when it has none."""
        ...


def _expressions(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, expression) of each ``{{...}}``; quotes may hold braces."""
    pos = 0
    while (start := text.find("{{", pos)) >= 0:
        i, quote = start + 2, ""
        while i < len(text):
            ch = text[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                quote = "" if ch == quote else quote
            elif ch == '"':
                quote = ch
            elif text.startswith("}}", i):
                break
            i += 1
        if i >= len(text):
            return
        yield start, i + 2, text[start + 2 : i]
        pos = i + 2


def _is_literal(source: str) -> bool:
    return len(source) >= 2 and source[0] == source[-1] and source[0] in "\"'"


def _empty(value: str) -> bool:
    return value.strip() in ("", "[]", "{}", "null", "undefined")


def _term(term: str, variables: Variables) -> str:
    parts = split_outside(term, "|")
    source = parts[0].strip()
    value = unquote_arg(source) if _is_literal(source) else variables.get(source)
    for spec in parts[1:]:
        name, colon, param = spec.strip().partition(":")
        value = apply_filter(name.strip(), value, param if colon else None)
    return value


def _is_prompt(alternatives: list[str]) -> bool:
    return len(alternatives) == 1 and _is_literal(split_outside(alternatives[0], "|")[0].strip())


def evaluate(expression: str, variables: Variables) -> str:
    """The value of one ``{{...}}`` expression."""
    alternatives = split_outside(expression.strip(), "??")
    if _is_prompt(alternatives):
        return ""
    value = ""
    for term in alternatives:
        value = _term(term, variables)
        if not _empty(value):
            return value
    return value


def render_template(text: str, variables: Variables) -> str:
    """``text`` with every ``{{...}}`` replaced by its value."""
    out, pos = [], 0
    for start, end, expression in _expressions(text):
        out.append(text[pos:start])
        out.append(evaluate(expression, variables))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def template_problems(text: str) -> list[str]:
    """What in ``text`` this renderer leaves out: unknown filters, prompts, template logic."""
    problems: list[str] = []
    for _, _, expression in _expressions(text):
        alternatives = split_outside(expression.strip(), "??")
        if _is_prompt(alternatives):
            problems.append(f"prompt {{{{{expression.strip()}}}}} needs the clipper's Interpreter")
            continue
        for term in alternatives:
            for spec in split_outside(term, "|")[1:]:
                name = spec.strip().partition(":")[0].strip()
                if name not in FILTERS:
                    problems.append(f"unknown filter {name!r}")
    if re.search(r"\{%.*?%\}", text, re.DOTALL):
        problems.append("template logic ({% ... %}) is not supported")
    return list(dict.fromkeys(problems))
