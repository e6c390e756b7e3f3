import json
import os

from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """Asserts each test user's claims (from OIDC_PROVIDER_USERS), whatever the scope."""

    oidc_claim_scope = None

    def get_additional_claims(self, request):
        people = {
            person["username"]: person for person in json.loads(os.environ["OIDC_PROVIDER_USERS"])
        }
        return people[request.user.username]["claims"]
