"""Open311 services are our categories; a category with attribute definitions has `metadata`."""

from django.utils.translation import gettext as _

from civicdesk.open311.models import ServiceAttribute
from civicdesk.petitions.models import Category


def active_categories():  # type: ignore[no-untyped-def]
    return Category.objects.filter(is_active=True)


def service_list() -> list[dict]:
    with_attributes = set(ServiceAttribute.objects.values_list("category_id", flat=True).distinct())
    services = []
    for category in active_categories():
        keywords = ", ".join(line.strip() for line in category.keywords.splitlines() if line.strip())
        services.append({
            "service_code": category.code,
            "service_name": category.name,
            "description": category.scope,
            "metadata": category.pk in with_attributes,
            "type": "realtime",
            "keywords": keywords,
            "group": category.name,
        })
    return services


def service_definition(category: Category) -> dict:
    attributes = []
    for attribute in category.open311_attributes.all():
        entry: dict = {
            "variable": attribute.variable,
            "code": attribute.code,
            "datatype": attribute.datatype,
            "required": attribute.required,
            "datatype_description": attribute.datatype_description,
            "order": attribute.order,
            "description": attribute.description,
        }
        if attribute.datatype in (ServiceAttribute.Datatype.SINGLE, ServiceAttribute.Datatype.MULTI):
            entry["values"] = [{"key": str(v.get("key")), "name": str(v.get("name", ""))}
                               for v in attribute.values or [] if isinstance(v, dict)]
        attributes.append(entry)
    return {"service_code": category.code, "attributes": attributes}


def service_notice(category: Category | None) -> str:
    if category is None:
        return ""
    return _("Hạn xử lý: %(days)s ngày làm việc kể từ khi chuyển đơn vị xử lý.") % {
        "days": category.sla_days_normal
    }
