"""Edge trimming of trafilatura's output tree: the headline, kickers and standfirst that open
it, the link lists, calls to action, credits and separators that close it, and the photo
credits, share bars and linked headlines inside it, each removed with a reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleannews.extract.elements import WORD, all_text, block_text

if TYPE_CHECKING:  # lxml is imported at run time only when needed
    from lxml.etree import _Element

__all__ = [
    "TRIM_STEPS",
    "RemovedBlock",
    "clean_body",
    "is_share_bar",
    "looks_like_call_to_action",
    "same_headline",
]

# A leading block this similar to the page title is the headline: one of the two strings
# holds the other and is at most this much longer. 0.6 lets "Headline - Site Name" match
# "Headline"; on the dev benchmarks 0.6 removed more headlines than exact matching and kept
# every lede (a lede that contains the headline is several times longer).
MIN_HEADLINE_OVERLAP = 0.6
# The headline, when trafilatura keeps it, is among the first blocks (after a kicker or a
# section name at most); further down an equal line is a quote or a subheading.
HEADLINE_WINDOW_BLOCKS = 3
# Blocks above the headline are kickers, section names and reading times ("TECH",
# "Review", "2 min read"): short. A longer block there is content; then nothing is cut.
MAX_KICKER_WORDS = 8
# A block whose linked text is at least this share of its text is a link to elsewhere
# (a teaser, a "Related" list), not article text. 0.5 measured best at the end of the
# content on both dev benchmarks (0.7 and 0.9 kept teaser lists whose items carry a
# one-line summary beside the link).
MIN_LINK_SHARE = 0.5
# A share bar names at least two networks in a few words (a label, the names, a count).
MIN_SHARE_BAR_NETWORKS = 2
MAX_SHARE_BAR_WORDS = 10
# Inside the text only a paragraph that is all link is taken for a pointer to another
# story, and only if headline-sized.
MIN_INLINE_LINK_SHARE = 0.9
MAX_INLINE_LINK_WORDS = 20
# Longer than this (with spaces), a block is no credit, share bar or linked headline.
MAX_INLINE_BOILERPLATE_CHARS = 300
# A call to action ("Subscribe to our newsletter", "Follow us on Twitter") is a sentence
# or two; a longer block that contains such words is a paragraph about them.
MAX_CALL_TO_ACTION_WORDS = 30

# A separator this close to the end ends the story; further up it divides sections.
SEPARATOR_WINDOW_BLOCKS = 3
# A closing block this short and without a full stop names a widget ("Comments", "Share").
MAX_LABEL_WORDS = 2

# Words that make a short closing block a call to action or a site notice. Each is a
# whole word (\b) so "signed" or "subscriber growth" in prose does not match.
_CALL_TO_ACTION = re.compile(
    r"\b(?:subscribe|subscribing|subscription|newsletters?|sign(?:ing)?[ -]up|your inbox|"
    r"follow (?:us|me|him|her|them)|follow @|like us on|share (?:this|it)|"
    r"click here|tap here|download (?:the|our) app|all rights reserved|copyright|"
    r"leave a (?:reply|comment)|you may also like|you might also like|read more|"
    r"read next|more from|more stories|popular on|recommended|sponsored|advertisement|"
    r"tags?|filed under|posted in)\b|©|ⓒ",
    re.IGNORECASE,
)
# Credit and contact lines that close news stories: who reported, edited or contributed,
# the agency the story came from, and a reporter's address.
_CREDIT = re.compile(
    r"^\(?(?:(?:additional |with )?reporting by|edit(?:ing|ed) by|contributing:|source:|"
    r"with .{0,40}\bwires\b)|contributed (?:reporting|to this (?:report|story|article))",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"^(?:\S+@\S+\.\w+|(?:https?://|www\.)\S+|(?:twitter|x)\.com/\S+|@\w+)$")
# A caption credit or gallery control standing alone as a block: "Photo: Jane Doe, AP",
# "(Image credit: NASA)", "Image 3 of 8", "1 / 8". Matched against the whole block.
_PHOTO_CREDIT = re.compile(
    r"^[(\[]?(?:(?:photo|image|picture|foto|video)s?(?: credits?)?|credits?)\s*(?::|by\b)"
    r"[^.!?]{0,80}[)\]]?$|^(?:image|photo|slide)?\s*\d+\s*(?:of|/)\s*\d+$",
    re.IGNORECASE,
)
# Names of the networks a share bar lists; two or more in a short block make it a share
# bar in any language ("Teilen: Facebook Twitter E-Mail", "Share: WhatsApp | Email").
_SOCIAL_NETWORK = re.compile(
    r"\b(?:facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|e-?mail|flipboard|"
    r"messenger|tumblr|xing|vk|weibo|line)\b",
    re.IGNORECASE,
)
# Every trimming step by the reason it gives; ``clean_body(keep=...)`` leaves some out.
# "inline_link" is a linked headline between paragraphs (counted as "link_list").
TRIM_STEPS: tuple[str, ...] = (
    "photo_credit", "share_bar", "inline_link", "kicker", "headline", "standfirst",
    "separator", "link_list", "call_to_action", "credit", "contact", "heading", "label",
)

_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # \w without the underscore of "___" rules
_SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", ".\"", ".”", ".)")
_SPACE_CHARACTER = re.compile(r"\s")


@dataclass(frozen=True, slots=True)
class RemovedBlock:
    """A block of trafilatura's output that was removed, and why."""

    text: str
    reason: str  # "headline", "kicker", "link_list", "call_to_action", "separator", "heading"


def _normalized(text: str) -> str:
    """Case-folded words only, for comparing a line with the title."""
    return " ".join(WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def same_headline(line: str, title: str | None) -> bool:
    """Return True if ``line`` is the page title (give or take a site name or punctuation).

    >>> same_headline("Storm hits the coast at dawn", "Storm Hits the Coast at Dawn | Planet")
    True
    >>> same_headline("Storm hits coast, and thousands lose power for days", "Storm hits coast")
    False
    """
    if not title:
        return False
    line_words, title_words = _normalized(line), _normalized(title)
    if not line_words or not title_words:
        return False
    if line_words == title_words:
        return True
    shorter, longer = sorted((line_words, title_words), key=len)
    return shorter in longer and len(shorter) >= MIN_HEADLINE_OVERLAP * len(longer)


def looks_like_call_to_action(text: str) -> bool:
    """Return True for a short block asking the reader to subscribe, follow, share or read on.

    >>> looks_like_call_to_action("Sign up for our daily newsletter")
    True
    >>> looks_like_call_to_action("© 2024 Example Media. All rights reserved.")
    True
    >>> looks_like_call_to_action("The union said its members would follow the ruling.")
    False
    """
    return (len(WORD.findall(text)) <= MAX_CALL_TO_ACTION_WORDS
            and _CALL_TO_ACTION.search(text) is not None)


# --- blocks of trafilatura's output tree ---------------------------------------------------
# trafilatura's body holds one element per block: p, head, list, quote, table, code.


def _chars(text: str) -> int:
    return len(text) - len(_SPACE_CHARACTER.findall(text))


def _link_share(element: _Element) -> float:
    """The share of a block's visible characters that sit inside links."""
    total = _chars(all_text(element))
    if not total:
        return 0.0
    linked = sum(_chars(all_text(ref)) for ref in element.iter("ref"))
    return linked / total


def _is_teaser(item: _Element) -> bool:
    """A list item that opens with a link and adds at most a line: a headline and its summary."""
    text = block_text(item)
    link = item.find(".//ref")
    if link is None or len(WORD.findall(text)) > MAX_CALL_TO_ACTION_WORDS:
        return False
    return text.startswith(block_text(link)[:20])


def _every_item_links(element: _Element) -> bool:
    items = [item for item in element.iter("item") if WORD.search(block_text(item))]
    return bool(items) and all(_is_teaser(item) for item in items)


def _closing_reason(element: _Element) -> str | None:
    """Why a block at the end of the content is boilerplate, or None if it may be text."""
    text = block_text(element)
    if not _LETTER_OR_DIGIT.search(text):
        return "separator"  # "___", "* * *": nothing after it belongs to the story
    # A linked sentence that ends in a full stop is prose ("... the conclusion Emil reached.");
    # a linked headline or a list of them is a pointer to another page.
    if _link_share(element) >= MIN_LINK_SHARE and (
            element.tag == "list" or not text.endswith(_SENTENCE_ENDS)):
        return "link_list"
    if element.tag == "list" and _every_item_links(element):
        return "link_list"  # teasers: a linked headline and a line of summary per item
    if looks_like_call_to_action(text):
        return "call_to_action"
    if len(WORD.findall(text)) <= MAX_CALL_TO_ACTION_WORDS and _CREDIT.search(text):
        return "credit"
    if _CONTACT.match(text):
        return "contact"
    if element.tag == "head":
        return "heading"  # a heading with nothing under it introduces what was cut
    if len(WORD.findall(text)) <= MAX_LABEL_WORDS and not text.endswith(_SENTENCE_ENDS):
        return "label"  # "Comments", "Tags", "Photos": the name of a widget, not a sentence
    return None


def _remove(element: _Element, reason: str, removed: list[RemovedBlock]) -> None:
    removed.append(RemovedBlock(block_text(element), reason))
    parent = element.getparent()
    if parent is not None:
        # keep the tail text: lxml would drop it with the element
        previous = element.getprevious()
        if element.tail and element.tail.strip():
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)


def is_share_bar(text: str) -> bool:
    """Return True for a row of share buttons.

    >>> is_share_bar("Teilen: Facebook Twitter E-Mail")
    True
    >>> is_share_bar("She posted the video on Facebook and Twitter.")
    False
    """
    if len(WORD.findall(text)) > MAX_SHARE_BAR_WORDS or text.endswith(_SENTENCE_ENDS):
        return False
    return len(_SOCIAL_NETWORK.findall(text)) >= MIN_SHARE_BAR_NETWORKS


def _inline_reason(element: _Element) -> str | None:
    """Why a block inside the text is clutter, or None if it may be text."""
    if len(all_text(element)) > MAX_INLINE_BOILERPLATE_CHARS:
        return None  # a paragraph: none of the rules below can fire on it
    text = block_text(element)
    if _PHOTO_CREDIT.match(text):
        return "photo_credit"
    if is_share_bar(text):
        return "share_bar"
    if (element.tag == "p" and element.find(".//ref") is not None
            and not text.endswith(_SENTENCE_ENDS)
            and len(WORD.findall(text)) <= MAX_INLINE_LINK_WORDS
            and _link_share(element) >= MIN_INLINE_LINK_SHARE):
        # "READ MORE: Storm hits coast" between two paragraphs: a linked headline. A
        # linked sentence (it ends in a full stop) is the writer's own text.
        return "inline_link"
    return None


def _drop_inline_boilerplate(body: _Element, removed: list[RemovedBlock],
                             keep: frozenset[str]) -> None:
    """Remove, anywhere in the text, photo credits and links to other stories that stand alone."""
    for element in list(body):
        reason = _inline_reason(element)
        if reason is not None and reason not in keep:
            # an inline linked headline is counted with the link lists that close a text
            _remove(element, "link_list" if reason == "inline_link" else reason, removed)


def _trim_opening(body: _Element, titles: tuple[str | None, ...], description: str | None,
                  removed: list[RemovedBlock], keep: frozenset[str]) -> None:
    """Remove the headline, the short kicker blocks above it and the standfirst below it."""
    blocks = list(body)[:HEADLINE_WINDOW_BLOCKS]
    for index, element in enumerate(blocks):
        if not any(same_headline(block_text(element), title) for title in titles):
            continue
        above = blocks[:index]
        if "kicker" not in keep and all(
                len(WORD.findall(block_text(b))) <= MAX_KICKER_WORDS for b in above):
            for kicker in above:
                _remove(kicker, "kicker", removed)
        if "headline" not in keep:
            _remove(element, "headline", removed)
        break
    # The standfirst (dek) is set as a heading under the headline and usually doubles as
    # the page description. Only a heading: a first paragraph equal to the description is
    # the lede, which many sites copy into the description, and it is article text.
    if ("standfirst" not in keep and len(body) > 1 and body[0].tag == "head"
            and same_headline(block_text(body[0]), description)):
        _remove(body[0], "standfirst", removed)


def _trim_closing(body: _Element, removed: list[RemovedBlock], keep: frozenset[str]) -> None:
    """Remove boilerplate blocks from the end until a block that may be article text.

    A separator ("___") near the end closes the story: the few short blocks after it are
    notes about the story (contributors, where to read more), removed with it.
    """
    blocks = list(body) if "separator" not in keep else []
    for index in range(max(1, len(blocks) - SEPARATOR_WINDOW_BLOCKS), len(blocks)):
        after = blocks[index + 1:]
        if (not _LETTER_OR_DIGIT.search(block_text(blocks[index]))
                and all(len(WORD.findall(block_text(b))) <= MAX_CALL_TO_ACTION_WORDS
                        for b in after)):
            for element in blocks[index:]:
                _remove(element, "separator", removed)
            break
    while len(body) > 1:
        element = body[-1]
        reason = _closing_reason(element)
        if reason is None or reason in keep:
            return
        _remove(element, reason, removed)


def render_body(body: _Element, markdown: bool = False) -> str:
    """Render trafilatura's output tree as text, as trafilatura would, without the links.

    ``markdown`` keeps headings, lists, tables and emphasis as markdown (trafilatura's
    ``include_formatting``).
    """
    from lxml import etree
    from trafilatura.xml import xmltotxt  # trafilatura's own text and markdown serializer

    etree.strip_tags(body, "ref")  # links were kept only to measure link share
    return str(xmltotxt(body, markdown) or "")


def clean_body(body: _Element, titles: tuple[str | None, ...], description: str | None = None,
               trim_closing: bool = True, markdown: bool = False,
               keep: frozenset[str] = frozenset()) -> tuple[str, tuple[RemovedBlock, ...]]:
    """Trim the edges of trafilatura's output tree (modified in place); return its text.

    ``titles`` are the headline and the page title: a leading block matching either is
    the headline. ``trim_closing`` False keeps what closes the text (for --favor-recall).
    ``markdown`` renders the trimmed tree as markdown instead of plain text. ``keep``
    names trimming steps (:data:`TRIM_STEPS`) not to take: their blocks stay.
    """
    if body is None:
        return "", ()
    removed: list[RemovedBlock] = []
    _drop_inline_boilerplate(body, removed, keep)
    _trim_opening(body, titles, description, removed, keep)
    if trim_closing:
        _trim_closing(body, removed, keep)
    return render_body(body, markdown), tuple(removed)
