"""Conservative repairs of tagger mentions where the knowledge base is sure of better bounds.

- A place, organization or other mention that starts inside a title (``وزير [الدفاع الأمريكي]``)
  is a tagger error: the title's words are no name. It is dropped, so the title reads normally.
  So is a mention inside a place name of several words (``المحيطين الهندي [والهادئ]``,
  ``منطقة [المحيطين] الهندي والهادئ``) that is not that place itself: the place is added whole.
- A place mention that runs on into a person's name (``[اليابان رام إيمانويل]``) is split into
  the place and, when the rest looks like a name, a person.
- A mention that misses the rest of a name the knowledge base knows in full is extended to it
  (``[أنتوني] بلينكن``; ``[واشنطن] بوست`` becomes an organization).
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.components.kb import KnowledgeBase, key_forms, word_forms
from marsad.components.kbmatch import CONSTRUCT, COUNTRY, PLACE, TITLE, Hit, TokenView
from marsad.components.roles import MentionIndex, guess_name, token_range
from marsad.doc import Mention

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
MAX_EXTENSION = 2


def repair_mentions(
    view: TokenView, hits: Sequence[Hit], mentions: Sequence[Mention], kb: KnowledgeBase
) -> list[Mention]:
    """``mentions`` with the repairs above applied, sorted by offset."""
    titles = [(h.start, h.end) for h in hits if h.kind in (TITLE, CONSTRUCT)]
    places = [(h.start, h.end) for h in hits if h.kind in (PLACE, COUNTRY) and h.last - h.first > 1]
    index = MentionIndex(view, mentions)
    out: list[Mention] = []
    for mention in mentions:
        if mention.type != "PER" and any(s < mention.start < e for s, e in titles):
            continue
        if any(
            s <= mention.start and mention.end <= e
            and (mention.type not in PLACE_TYPES or e - s > mention.end - mention.start)
            for s, e in places
        ):  # fmt: skip
            continue  # "المحيطين الهندي [والهادئ]": a word of a place's name is no name itself
        longer = extend_known(view, mention, index, kb)
        if longer is not mention:
            out.append(longer)
        elif mention.type in PLACE_TYPES:
            out.extend(split_place(view, mention, index, kb))
        else:
            out.append(mention)
    return sorted(out, key=lambda m: (m.start, m.end))


def split_place(
    view: TokenView, mention: Mention, index: MentionIndex, kb: KnowledgeBase
) -> list[Mention]:
    """The place at the start of ``mention`` and the person's name after it, when both are sure."""
    tokens = token_range(view, mention.start, mention.end)
    for cut in range(len(tokens) - 1, 0, -1):
        head = view.span_text(mention.start, view.tokens[tokens[cut - 1]].end)
        if not any(kb.place(k) is not None for k in key_forms(head)):
            continue
        if any(kb.place(k) is not None for k in key_forms(mention.text)):
            return [mention]
        name = guess_name(view, tokens[cut], index.without(tokens), kb)
        if name is None or name[1] != tokens[-1] + 1:
            return [mention]
        start, end = view.tokens[name[0]].start, view.tokens[name[1] - 1].end
        place = Mention(mention.start, view.tokens[tokens[cut - 1]].end, head, mention.type)
        return [place, Mention(start, end, view.span_text(start, end), "PER")]
    return [mention]


def extend_known(
    view: TokenView, mention: Mention, index: MentionIndex, kb: KnowledgeBase
) -> Mention:
    """``mention`` extended over the next words when together they make a name the knowledge base
    knows (``[أنتوني] بلينكن``, ``[واشنطن] بوست`` -> an organization), no other mention holding
    them."""
    tokens = token_range(view, mention.start, mention.end)
    if not tokens or not any(
        form in kb.first_words for form, _ in word_forms(view.word(tokens[0]))
    ):
        return mention
    last = tokens[-1]
    for extra in range(MAX_EXTENSION, 0, -1):
        more = range(last + 1, last + 1 + extra)
        if more.stop > len(view) or any(i in index.covered for i in more):
            continue
        end = view.tokens[more.stop - 1].end
        text = view.span_text(mention.start, end)
        type_ = known_type(text, mention.type, kb)
        if type_ is not None:
            return Mention(mention.start, end, text, type_)
    return mention


def known_type(text: str, type_: str, kb: KnowledgeBase) -> str | None:
    """The type of the knowledge-base name ``text`` spells, for a mention of ``type_``."""
    for key in key_forms(text):
        if len(key) < 2:
            continue
        if type_ == "PER" and key in kb.persons:
            return "PER"
        if type_ != "PER" and kb.organization(key) is not None:
            return "ORG"
        place = kb.place(key) if type_ in PLACE_TYPES else None
        if place is not None:
            return place.type
    return None
