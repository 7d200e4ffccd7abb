"""The native REST API, /api/v1/, with its OpenAPI document at /api/v1/openapi.json and
interactive docs at /api/v1/docs."""

from ninja import NinjaAPI

from civicdesk.api import errors

api = NinjaAPI(
    title="civicdesk API",
    version="1.0.0",
    description=(
        "Tiếp nhận, theo dõi và trả lời phản ánh, kiến nghị của người dân. "
        "Lỗi luôn có dạng {\"detail\": …, \"code\": …}. Hướng dẫn tích hợp: docs/api.md."
    ),
    urls_namespace="api-v1",
)
errors.register(api)


@api.get("/health", tags=["system"])
def health(request) -> dict:  # type: ignore[no-untyped-def]
    return {"status": "ok"}


api.add_router("/", "civicdesk.api.public.router")
api.add_router("/staff/", "civicdesk.api.staff.router")
api.add_router("/open-data/", "civicdesk.api.opendata.router")
api.add_router("/assistant/", "civicdesk.assistant.api.router")
