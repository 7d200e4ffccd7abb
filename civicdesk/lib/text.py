"""Small text helpers shared by the channels."""

TITLE_LENGTH = 120


def title_from_first_line(text: str, limit: int = TITLE_LENGTH) -> str:
    """A case title for channels that send only a message (API, Open311): its first line,
    cut at a word before `limit` characters with an ellipsis; '' for an empty message."""
    stripped = text.strip()
    line = stripped.splitlines()[0] if stripped else ""
    return line if len(line) <= limit else line[:limit - 3].rsplit(" ", 1)[0] + "…"
