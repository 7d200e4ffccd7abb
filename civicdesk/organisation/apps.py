from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "civicdesk.organisation"
    label = "organisation"
