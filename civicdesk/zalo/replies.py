"""The conversation's messages back to the user: a `Reply` row in the caller's transaction, sent
by `tasks.send_reply` after it commits (retried with back-off; claimed, so sent once)."""

from django.db import transaction

from civicdesk.outbox.enqueue import send
from civicdesk.zalo.models import Reply


def reply(user_id: str, text: str) -> Reply:
    row = Reply.objects.create(user_id=user_id, text=text)
    transaction.on_commit(lambda: _enqueue(row.pk))
    return row


def _enqueue(reply_id: int) -> None:
    from civicdesk.zalo.tasks import send_reply

    send(send_reply, reply_id)
