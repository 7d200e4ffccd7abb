"""Creates the provider's database, its users and the civicdesk client:
python -m tests.oidc_provider.prepare REDIRECT_URI CLIENT_ID CLIENT_SECRET"""

import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

PASSWORD = "mat-khau-thanh-pho"
USERS = {
    # username: (e-mail, groups)
    "canbo.sso": ("canbo.sso@tphcm.gov.vn", ["cd-officers", "agency:so-xay-dung"]),
    "het-han": ("het.han@tphcm.gov.vn", ["cd-officers", "agency:so-xay-dung"]),
    "khong.vai.tro": ("khong.vai.tro@tphcm.gov.vn", ["phong-ke-toan"]),
    "giamsat.sso": ("giamsat.sso@tphcm.gov.vn", ["cd-supervisors", "cd-officers"]),
}


def main(redirect_uri: str, client_id: str, client_secret: str) -> None:
    call_command("migrate", verbosity=0)
    for username, (email, groups) in USERS.items():
        user = User.objects.create_user(username, email, PASSWORD, first_name="Văn An", last_name="Nguyễn")
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    Application.objects.create(
        name="civicdesk", client_id=client_id, client_secret=client_secret, redirect_uris=redirect_uri,
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM, skip_authorization=True,
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
