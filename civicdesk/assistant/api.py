"""Assistant endpoints, mounted by civicdesk.api.v1 under /api/v1/assistant/."""

from ninja import Field, Router, Schema

from civicdesk.api import schemas
from civicdesk.api.auth import calling_client
from civicdesk.api.errors import check_anonymous_limit
from civicdesk.assistant.answering import ask as ask_assistant

router = Router(tags=["assistant"])


class Question(Schema):
    question: str = Field(..., min_length=1, max_length=1000, description="Câu hỏi, có dấu hoặc không dấu")
    conversation: list[str] = Field(default_factory=list, max_length=5,
                                    description="Các câu đã hỏi trước đó (để điền sẵn phản ánh)")


@router.post("/ask", summary="Hỏi trợ lý ảo", auth=None,
             response={200: dict, 401: schemas.Error, 422: schemas.Error, 429: schemas.Error})
def ask(request, payload: Question) -> dict:
    """Answers from the knowledge base with sources (status `answer`), the status of a case when
    the question holds a tracking code (`tracking`), or says it does not know (`unknown`); every
    reply but a tracking one links to the case form pre-filled with the question."""
    if calling_client(request) is None:
        check_anonymous_limit(request, "assistant")
    return ask_assistant(payload.question, conversation=payload.conversation).as_dict(request)
