"""Schemathesis against the API's own OpenAPI document: generated requests, valid and
not, to every operation, with a bounded number of examples each. No answer may be a
server error or stray from the documented schema, and calls without a token are refused."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from goldenthread.api import api
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.organizations.services import membership_create, organization_create, site_create
from goldenthread.testing import make_user
from goldenthread.testing_consent import participant
from goldenthread.tokens.models import Scope
from goldenthread.tokens.services import token_create

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
# In process: requests go to the Django application itself, inside the test's transaction.
schema.app = get_wsgi_application()

# What the API promises: never a server error, only documented statuses, content types,
# headers and bodies, and nothing without a token. (Rules past the schema, such as a FHIR
# Consent's 42 CFR 2.31 elements, refuse some schema-valid bodies with 422 by design.)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ignored_auth,
]


@pytest.fixture
def in_process(db):
    """Requests run inside the test's transaction, as Django's own test client runs them: the
    connection is not closed at each request's end (on PostgreSQL that would end the test's
    transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(in_process):
    site = site_create(actor=None, name="Fuzz", slug="fuzz")
    provider = organization_create(
        actor=None, site=site, name="Fuzz CM", kind=OrganizationKind.CASE_MANAGEMENT
    )
    user = make_user("fuzzer")
    membership = membership_create(
        actor=None, user=user, organization=provider, role=Role.CASE_MANAGER
    )
    participant(site, provider, user)
    _, secret = token_create(
        actor=user, membership=membership, name="fuzz", scopes=list(Scope.values), lifetime_days=1
    )
    return {"Authorization": f"Bearer {secret}"}


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_document(case, bearer):
    case.call_and_validate(headers=bearer, checks=CHECKS)
