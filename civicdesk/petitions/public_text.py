"""The masked title and content the public reads, stored on the case when it is written.

Public pages, public search, Open311, open data and the assistant's knowledge read
`Case.public_title` / `Case.public_content` instead of masking per row, and search runs on them, so
a search word can never confirm a name, an e-mail or an ID number that the page hides. The masking
rules live in `civicdesk.lib.masking`; after they change, `civicdesk refresh-public-text` rewrites
the stored copies."""

import re
import unicodedata
from collections.abc import Iterator

from civicdesk.lib.masking import MASK, mask_personal_data
from civicdesk.petitions.models import Case

# A change to any of these makes the stored public texts stale.
SOURCE_FIELDS = frozenset({"title", "content", "reporter_name"})


def mask(text: str, case: Case, kind: str = "report") -> str:
    """`text` of `case` as the public may read it: the masking engine's result, and — whatever the
    engine's heuristics decided about the words around it — never the reporter's full name."""
    if not text:
        return text
    masked = mask_personal_data(text, names=[case.reporter_name], kind=kind)
    return _without_full_name(masked, case.reporter_name)


def mask_answer(text: str, case: Case) -> str:
    return mask(text, case, kind="answer")


def _without_full_name(text: str, name: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", name or "").split())
    if len(name) < 5 or " " not in name:  # a single word could be an ordinary one
        return text
    words = r"\s+".join(re.escape(part) for part in name.split())
    return re.sub(rf"(?<!\w){words}(?!\w)", MASK, unicodedata.normalize("NFC", text), flags=re.IGNORECASE)


def masked_title(case: Case) -> str:
    return mask(case.title, case)[:200]


def masked_content(case: Case) -> str:
    return mask(case.content, case)


def fill(case: Case) -> Case:
    """Set the public texts of an (unsaved or changed) case from its title, content and reporter."""
    case.public_title = masked_title(case) if case.title else ""
    case.public_content = masked_content(case) if case.content else ""
    return case


def missing(case: Case) -> bool:
    """Whether a case (with its texts loaded) has a title or content but no public copy yet."""
    if {"title", "content", "public_title", "public_content"} & case.get_deferred_fields():
        return False
    return not (case.public_title or case.public_content) and bool(case.title or case.content)


def fill_stored(case_id: int) -> bool:
    """Fill the public texts of a stored case (intake leaves them to a task after the commit).
    Safe to run twice: written only when they change. Returns whether they did."""
    case = Case.objects.filter(pk=case_id).only(*SOURCE_FIELDS, "public_title", "public_content").first()
    if case is None:
        return False
    before = (case.public_title, case.public_content)
    fill(case)
    if (case.public_title, case.public_content) == before:
        return False
    Case.objects.filter(pk=case_id).update(public_title=case.public_title, public_content=case.public_content)
    return True


def title_of(case: Case) -> str:
    """What the public reads as the title: the stored copy, or masked now for a row without one."""
    return case.public_title or (masked_title(case) if case.title else "")


def content_of(case: Case) -> str:
    return case.public_content or (masked_content(case) if case.content else "")


def refresh(batch_size: int = 500, only_missing: bool = False) -> Iterator[int]:
    """Recompute the stored public texts of every case (or only those without any), in batches of
    `batch_size` each written with one bulk UPDATE; yields how many were changed per batch."""
    cases = Case.objects.order_by("pk").only("pk", "title", "content", "reporter_name", "public_title",
                                             "public_content")
    if only_missing:
        cases = cases.filter(public_title="", public_content="")
    last = 0
    while True:
        batch = list(cases.filter(pk__gt=last)[:batch_size])
        if not batch:
            return
        last = batch[-1].pk
        changed = []
        for case in batch:
            before = (case.public_title, case.public_content)
            fill(case)
            if (case.public_title, case.public_content) != before:
                changed.append(case)
        if changed:
            Case.objects.bulk_update(changed, ["public_title", "public_content"])
        yield len(changed)
