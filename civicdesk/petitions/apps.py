from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "civicdesk.petitions"
    label = "petitions"
