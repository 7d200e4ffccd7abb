from django.contrib import admin

from civicdesk.open311.models import Open311Request, ServiceAttribute


@admin.register(ServiceAttribute)
class ServiceAttributeAdmin(admin.ModelAdmin):
    list_display = ["category", "code", "datatype", "required", "order"]
    list_filter = ["category", "datatype"]


@admin.register(Open311Request)
class Open311RequestAdmin(admin.ModelAdmin):
    list_display = ["case", "client", "token", "device_id"]
    raw_id_fields = ["case"]
    readonly_fields = ["token"]
