"""A revision blob is checked for its one canonical spelling by writing it out around its body's own
encoding (the body is encoded once, for the check and its hash): that writing must be the
canonical JSON byte for byte, for any values, or a second spelling could pass or a true one fail.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzdesk.core.exchange import bundle
from kzdesk.core.model.revisions import canonical_json, make_revision

# Any text, with the characters JSON escapes or an encoder might spell in two ways.
texts = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from('"\\/\b\f\n\r\t\x00\x1f\u2028\u2029ә'))
values = st.none() | st.booleans() | st.integers(-(1 << 63), (1 << 63) - 1) | texts


@settings(max_examples=300)
@given(author=texts, content_hash=texts, deleted=st.booleans(), hlc=texts, rev_id=texts, kind=texts,
       parents=st.lists(texts, max_size=4), record=texts, body=st.dictionaries(texts, values, max_size=6))
def test_the_written_out_revision_is_its_canonical_json(author: str, content_hash: str, deleted: bool, hlc: str,
                                                         rev_id: str, kind: str, parents: list[str], record: str,
                                                         body: dict[str, Any]) -> None:
    doc = {"author": author, "body": body, "content_hash": content_hash, "deleted": deleted, "hlc": hlc,
           "id": rev_id, "kind": kind, "parents": parents, "record": record}
    assert bundle._canonical_revision(doc, canonical_json(body)) == canonical_json(doc)
    raw = canonical_json(doc).encode()
    assert bundle._revision_json(raw) == (doc, canonical_json(body))


def _blob() -> bytes:
    body = {"name": "Жақсылықов Ерлан", "occupation": None}
    rev = make_revision("person", "a" * 32, body, [], "1700000000000-00000000-dev", "b" * 32)
    doc = {"id": rev.id, "kind": rev.kind, "record": rev.record, "parents": [], "hlc": rev.hlc, "author": rev.author,
           "content_hash": rev.content_hash, "deleted": False, "body": body}
    return canonical_json(doc).encode()


# (Values of another type, spelled canonically, pass this check and meet the schema's checks.)
@pytest.mark.parametrize("respell", [
    lambda raw: raw.replace(b'"author":', b'"author": '),  # a space
    lambda raw: raw.replace("Жақсылықов".encode(), json.dumps("Жақсылықов").strip('"').encode()),  # \u escapes
    lambda raw: raw.replace(b'{"author"', b'{"kind":"person","author"'),  # a duplicate key
    lambda raw: raw.replace(b'"occupation":null', b'"occupation":null,"name":"x"'),  # a duplicate body key
    lambda raw: raw[:-1] + b' }',
])
def test_a_second_spelling_of_a_revision_is_refused(respell: Any) -> None:
    raw = _blob()
    assert bundle._revision_json(raw)[1] is not None
    changed = respell(raw)
    assert changed != raw
    with pytest.raises(ValueError):
        bundle._revision_json(changed)
