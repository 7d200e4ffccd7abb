import factory

from civicdesk.assistant.models import KnowledgeEntry


class KnowledgeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeEntry
        django_get_or_create = ("external_id",)

    external_id = factory.Sequence(lambda n: f"test-{n}")
    kind = KnowledgeEntry.Kind.QA
    title = factory.Sequence(lambda n: f"Câu hỏi thử {n}")
    body = "Nội dung trả lời."
