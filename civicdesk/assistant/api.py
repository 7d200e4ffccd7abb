"""Assistant endpoints, mounted by civicdesk.api.v1 under /api/v1/assistant/."""

from ninja import Router

router = Router(tags=["assistant"])
