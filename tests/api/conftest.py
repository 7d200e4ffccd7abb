import pytest

from civicdesk.api.models import StaffApiToken


@pytest.fixture
def token_for():
    def make(user):
        _row, raw = StaffApiToken.issue(user, "thử")
        return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    return make


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The personas' passwords are hashed on creation; the real hasher costs ~0.3 s a user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
