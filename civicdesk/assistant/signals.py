"""Published answers join the knowledge base when they are approved or their case is made public.
Run inside the saving transaction, so a rolled-back approval leaves no entry behind."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from civicdesk.answers.models import Answer
from civicdesk.petitions.models import Case


@receiver(post_save, sender=Answer, dispatch_uid="assistant-answer-to-kb")
def answer_saved(sender, instance: Answer, **kwargs) -> None:
    if instance.state == Answer.State.APPROVED:
        from civicdesk.assistant.knowledge import sync_published_answer

        sync_published_answer(instance.case)


@receiver(post_save, sender=Case, dispatch_uid="assistant-case-visibility")
def case_saved(sender, instance: Case, created: bool, update_fields=None, **kwargs) -> None:  # type: ignore[no-untyped-def]
    if created or (update_fields is not None and "is_public" not in update_fields):
        return  # only a change of visibility concerns the knowledge base
    from civicdesk.assistant.models import KnowledgeEntry

    mirrored = KnowledgeEntry.objects.filter(case=instance).values_list("is_active", flat=True).first()
    if mirrored is None and not instance.is_public:
        return
    if mirrored is not None and bool(mirrored) == bool(instance.is_public):
        return
    from civicdesk.assistant.knowledge import sync_published_answer

    sync_published_answer(instance)
