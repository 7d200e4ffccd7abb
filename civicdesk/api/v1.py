"""The native REST API, /api/v1/, with its OpenAPI document at /api/v1/openapi.json."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="civicdesk API",
    version="1.0.0",
    description="Tiếp nhận, theo dõi và trả lời phản ánh, kiến nghị của người dân.",
    urls_namespace="api-v1",
)


@api.get("/health", tags=["system"])
def health(request) -> dict:  # type: ignore[no-untyped-def]
    return {"status": "ok"}


api.add_router("/assistant/", "civicdesk.assistant.api.router")
