"""An ordered list's numbers, printed again inside its items.

A how-to's steps often show their number in a box of their own
(``<li><div class="step-number">3</div><p>Pour the water…</p></li>``). The Markdown list numbers
every item already, so the box would come out as "3. 3" and a line of its own. It goes when it
is the item's first element and says that item's number and nothing else ("3", "3.", "Step 3").
A link (a footnote's number, a page of a pager) is no such box, and an item that holds only its
number keeps it.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from extractor.dom import fold, text_content
from extractor.records import Step
from extractor.removal import Removal

# what a step's number box says: the number, perhaps after "Step", perhaps with a stop after it
ITEM_NUMBER = re.compile(r"^(?:step\s*)?(\d{1,4})\s*[.):]?$", re.IGNORECASE)


def _first_number(ol: HtmlElement) -> int | None:
    """The number of the list's first item (its ``start``), None when the list counts down."""
    if ol.get("reversed") is not None:
        return None
    start = (ol.get("start") or "1").strip()
    return int(start) if start.isdigit() else None


def drop_item_numbers(region: HtmlElement) -> Step:
    """Each ordered-list item's leading box that repeats the item's own number."""
    removal = Removal("list-numbers", "an ordered list's numbers printed again in its items")
    for ol in list(region.iter("ol")):
        number = _first_number(ol)
        if number is None:
            continue
        n = number - 1
        for item in (li for li in ol if li.tag == "li"):
            value = (item.get("value") or "").strip()
            n = int(value) if value.isdigit() else n + 1  # (an item may set its own number)
            if (item.text or "").strip():
                continue
            box = next(item.iterchildren(etree.Element), None)
            if box is None or box.tag == "a" or next(box.iter("a"), None) is not None:
                continue
            said = ITEM_NUMBER.match(fold(text_content(box)))
            if said is None or int(said.group(1)) != n:
                continue
            if not fold(text_content(item)).removeprefix(fold(text_content(box))).strip():
                continue  # the number is all the item says
            removal.take(box)
    return removal.step()
