import pytest
from django.test import Client


@pytest.fixture
def client_for():
    """A test client logged in as `user` (anonymous for None)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
