"""data: images: an embedded picture is kept, a lazy loader's stand-in is not."""

from __future__ import annotations

import base64

from extractor.normalize.images import is_inline_picture
from extractor.pipeline import extract_html
from tests.test_notes_attachments import png

PICTURE = "data:image/png;base64," + base64.b64encode(png(7, size=12)).decode()
BLANK_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAA6w" + "A" * 600 + "ElFTkSuQmCC"
GIF_1X1 = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
EMPTY_SVG = (
    "data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%20width%3D%22800%22%20height%3D%22600%22%3E%3C%2Fsvg%3E"
    + "%20" * 100
)
DRAWN_SVG = (
    "data:image/svg+xml,"
    + "%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%3E"
    + "%3Cpath%20d%3D%22M0%200L10%2010%22%2F%3E" * 12
    + "%3C%2Fsvg%3E"
)


def test_which_data_urls_are_pictures() -> None:
    assert is_inline_picture(PICTURE)
    assert is_inline_picture(DRAWN_SVG)
    assert not is_inline_picture(BLANK_PNG)
    assert not is_inline_picture(GIF_1X1)
    assert not is_inline_picture(EMPTY_SVG)


def test_an_embedded_picture_reaches_the_markdown() -> None:
    html = (
        "<html><body><article><h1>Survey</h1>"
        + "<p>The survey covered the moorings and the slipways in detail this year.</p>" * 4
        + f'<img src="{PICTURE}" alt="Map of the sections">'
        + f'<img src="{GIF_1X1}" alt="loading">'
        + "</article></body></html>"
    )
    markdown = extract_html(html, url="https://a.example/s").markdown
    assert f"![Map of the sections]({PICTURE})" in markdown
    assert "R0lGOD" not in markdown and "loading" not in markdown
