"""Issue 12 item 16: what the docs say about tracking codes is what the code does (30 symbols)."""

import math
import re
from pathlib import Path

from civicdesk.petitions import tracking

ROOT = Path(__file__).resolve().parents[2]


def test_the_alphabet_has_thirty_distinct_symbols_without_look_alikes():
    assert len(tracking.ALPHABET) == len(set(tracking.ALPHABET)) == 30
    assert not set(tracking.ALPHABET) & set("01OILU")
    codes = {tracking.new_tracking_code() for _ in range(2000)}
    assert {ch for code in codes for ch in code.replace("-", "")} == set(tracking.ALPHABET)


def test_the_docs_give_the_true_size_and_strength():
    bits = math.floor(8 * math.log2(len(tracking.ALPHABET)))  # 39
    docstring = tracking.__doc__ or ""
    assert re.search(rf"\b{len(tracking.ALPHABET)}-(letter|symbol)", docstring), docstring
    assert f"~{bits} bits" in docstring
    texts = [docstring, (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")]
    for text in texts:
        assert "31-letter" not in text and "31 symbols" not in text
        assert "~40 bits" not in text
