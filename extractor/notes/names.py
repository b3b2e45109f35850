"""Safe note names: Obsidian Web Clipper's ``safe_name`` rules, and Logseq's file names.

Obsidian: characters that break links (``# | ^ [ ]``) and those file systems refuse are removed,
Windows' reserved names get a leading ``_``, no leading or trailing dots or spaces, at most 245
characters (and bytes, so that ``.md`` still fits in a file system's 255), never empty.

Logseq (its ``:triple-lowbar`` file name format): a namespace ``/`` is written ``___``, the
characters ``: * ? " < > | # \\`` are percent-encoded, as is a ``%`` that would read as an
escape, and a Windows reserved name or a name ending in ``.`` gets a trailing ``___``.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from urllib.parse import quote, unquote

LINK_BREAKING = re.compile(r"[#|^\[\]]")
_FS_STRICT = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_FS_MAC = re.compile(r"[/:\x00-\x1f]")
_FS_LINUX = re.compile(r"[/\x00-\x1f]")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
MAX_NAME = 245
UNTITLED = "Untitled"


def safe_name(text: str, system: str = "default") -> str:
    """The clipper's ``safe_name`` filter: ``system`` is default, windows, mac or linux."""
    system = system.strip().lower()
    name = LINK_BREAKING.sub("", text)
    if system == "mac":
        name = re.sub(r"^\.", "_", _FS_MAC.sub("", name))
    elif system == "linux":
        name = re.sub(r"^\.", "_", _FS_LINUX.sub("", name))
    else:
        name = _WINDOWS_RESERVED.sub(r"_\1\2", _FS_STRICT.sub("", name))
        name = re.sub(r"[\s.]+$", "", name)
        if system != "windows":
            name = re.sub(r"^\.", "_", name)
    name = name.lstrip(".")[:255]
    return name or UNTITLED


def note_name(text: str, fallback: str = UNTITLED) -> str:
    """A note's file name (without ``.md``) that works in every vault on every system."""
    name = unicodedata.normalize("NFC", text)
    name = LINK_BREAKING.sub("", _FS_STRICT.sub(" ", name))
    name = re.sub(r"\s+", " ", name).strip(" .")
    name = name[:MAX_NAME]
    while len(name.encode("utf-8")) > MAX_NAME:
        name = name[:-1]
    name = name.rstrip(" .")
    if not name:
        return fallback
    return _WINDOWS_RESERVED.sub(r"_\1\2", name)


# -- Logseq -------------------------------------------------------------------------------

_LOGSEQ_RESERVED = re.compile(r'[:*?"<>|#\\]+')
_URL_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
_LOGSEQ_WINDOWS = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))}
_LOGSEQ_WINDOWS |= {f"LPT{i}" for i in range(1, 10)}
# bytes left for the name once ".md" is added, on file systems that count 255
_LOGSEQ_MAX_BYTES = 250


def _encode(text: str) -> str:
    return quote(text, safe="").replace("*", "%2A")


def logseq_file_name(title: str) -> str:
    """The file name body Logseq gives the page ``title`` (``a/b: c`` -> ``a___b%3A c``)."""
    name = unicodedata.normalize("NFC", title).strip("/")
    name = _URL_ESCAPE.sub(lambda m: m[0].replace("%", "%25"), name)
    name = _LOGSEQ_RESERVED.sub(lambda m: _encode(m[0]), name)
    if name in _LOGSEQ_WINDOWS or name.endswith("."):
        name += "/"
    # an underscore next to a slash, or three in a row, would read as a namespace: encode it
    for ambiguous in ("___", "_/", "/_"):
        name = name.replace(ambiguous, ambiguous.replace("_", "%5F"))
    name = name.replace("/", "___")
    while len(name.encode("utf-8")) > _LOGSEQ_MAX_BYTES:
        name = name[:-1]
    return name or UNTITLED


def logseq_title(file_body: str) -> str:
    """The page title Logseq reads from a file name body (the inverse of ``logseq_file_name``)."""
    title = file_body.replace("___", "/")
    if "%" in title:
        with contextlib.suppress(UnicodeDecodeError):
            title = unquote(title, errors="strict")
    return "/".join(part for part in title.split("/") if part)
