from datetime import timedelta

from django.utils import timezone
from oauth2_provider.oauth2_validators import OAuth2Validator


class CityValidator(OAuth2Validator):
    """Claims as a city's directory gives them: e-mail, name, `groups`, and the agency code from a
    group named `agency:<code>`. A user whose name starts with `het-han` gets an ID token that has
    already expired — how the test sees what civicdesk does with one."""

    oidc_claim_scope = None  # every claim, whatever scopes were asked

    def get_additional_claims(self, request):
        user = request.user
        groups = list(user.groups.values_list("name", flat=True))
        claims = {"email": user.email, "name": f"{user.last_name} {user.first_name}".strip(),
                  "preferred_username": user.username,
                  "groups": [g for g in groups if not g.startswith("agency:")]}
        agencies = [g.removeprefix("agency:") for g in groups if g.startswith("agency:")]
        if agencies:
            claims["civicdesk_agency"] = agencies[0]
        return claims

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        if request.user.username.startswith("het-han"):
            expiration_time = timezone.now() - timedelta(minutes=10)
            claims["exp"] = int(expiration_time.timestamp())
        return claims, expiration_time
