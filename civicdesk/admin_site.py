"""The admin as a city's administrator meets it: the home page lists first what they do most
(staff accounts, agencies and the routing table, categories, the calendar, answer templates, the
knowledge base) and last what they rarely touch (integrations, Open311, permission groups)."""

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest

# (app label, its models in order); apps and models not named come after, alphabetically.
ADMIN_ORDER: list[tuple[str, list[str]]] = [
    ("accounts", ["User"]),
    ("organisation", ["Agency", "RoutingRule", "AdminUnit", "LegacyAdminUnit"]),
    ("petitions", ["Category", "Case"]),
    ("workflow", ["CalendarDay", "WorkflowSettings", "ExtensionRequest", "Transfer", "Escalation"]),
    ("answers", ["AnswerTemplate", "Answer", "Rating", "AnswerAttachment"]),
    ("assistant", ["KnowledgeEntry"]),
    ("routing", ["RoutingSettings", "PossibleDuplicate"]),
    ("notifications", ["Notification", "ZaloAccount", "ZaloContact"]),
    ("zalo", ["Conversation", "Reply"]),
    ("inbound", ["InboundMessage"]),
    ("outbox", ["PendingTask"]),
    ("api", ["ApiClient", "WebhookSubscription", "WebhookDelivery", "StaffApiToken"]),
    ("open311", ["ServiceAttribute", "Open311Request"]),
    ("axes", ["AccessAttempt", "AccessFailureLog", "AccessLog"]),  # login lockouts (django-axes)
    ("auth", ["Group"]),
]
_APP_RANK = {label: rank for rank, (label, _models) in enumerate(ADMIN_ORDER)}
_MODEL_RANK = {label: {name: rank for rank, name in enumerate(models)} for label, models in ADMIN_ORDER}


def ordered(app_list: list[dict[str, Any]]) -> list[dict[str, Any]]:
    last = len(ADMIN_ORDER)
    app_list = sorted(app_list, key=lambda app: (_APP_RANK.get(app["app_label"], last), str(app["name"])))
    for app in app_list:
        ranks = _MODEL_RANK.get(app["app_label"], {})
        app["models"].sort(key=lambda model: (ranks.get(model["object_name"], len(ranks)), str(model["name"])))
    return app_list


class CivicdeskAdminSite(admin.AdminSite):
    site_header = "civicdesk — Quản trị hệ thống"
    site_title = "civicdesk"
    index_title = "Cấu hình lĩnh vực, đơn vị, địa bàn, người dùng"

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict[str, Any]]:
        return ordered(super().get_app_list(request, app_label))


class CivicdeskAdminConfig(AdminConfig):
    default_site = "civicdesk.admin_site.CivicdeskAdminSite"
