"""Typed readers of CIVICDESK_* environment variables that refuse bad values at start-up."""

import os
from pathlib import Path

PREFIX = "CIVICDESK_"

# Signs sessions and CSRF tokens of the demo and the tests only; refused outside demo mode.
DEMO_SECRET_KEY = "civicdesk-demo-only-secret-key-do-not-use-in-production"


class ConfigError(RuntimeError):
    pass


def _raw(name: str) -> str | None:
    value = os.environ.get(PREFIX + name)
    return value if value not in (None, "") else None


def env_str(name: str, default: str = "") -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{PREFIX}{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{PREFIX}{name} must be a whole number, not {value!r}") from None


def env_float(name: str, default: float) -> float:
    value = _raw(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        raise ConfigError(f"{PREFIX}{name} must be a number, not {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    value = _raw(name)
    return Path(value).resolve() if value else default.resolve()


def secret_key_problem(key: str) -> str | None:
    """Why `key` may not sign a public site's sessions, or None. Django's own deployment check
    (security.W009) only warns about the same things: shorter than 50 characters, fewer than 5
    different characters, or made by startproject."""
    advice = "; make one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    if not key:
        return ("must be set outside demo mode (for a trial on your machine use CIVICDESK_DEMO=1; "
                "CIVICDESK_DEBUG=1 does not make a demo)" + advice)
    if key == DEMO_SECRET_KEY:
        return "is the demo key, which is public; it is refused outside demo mode" + advice
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure"):
        return "is too weak (at least 50 random characters, at least 5 different)" + advice
    return None
