"""Completes the OpenAPI document ninja generates with what the guards around every
operation add (api.py, tokens.idempotency, tokens.throttle): the one error shape and the
answers each operation can give with it, the rate-limit headers, and Idempotency-Key on
every create. The document is then the whole contract, and Schemathesis tests the API
against it."""

from typing import Any

ERROR = {
    "title": "Error",
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "examples": ["invalid"]},
                "message": {"type": "string", "examples": ["The request did not validate."]},
                "details": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "location": {"type": "array", "items": {}},
                            "message": {"type": "string"},
                        },
                    },
                },
            },
            "required": ["code", "message", "details"],
        }
    },
    "required": ["error"],
    "examples": [
        {
            "error": {
                "code": "invalid",
                "message": "The request did not validate.",
                "details": [
                    {
                        "location": ["body", "payload", "mood"],
                        "message": "Extra inputs are not permitted",
                    }
                ],
            }
        }
    ],
}

RATE_HEADERS = {
    "RateLimit-Limit": "Requests allowed in the current window.",
    "RateLimit-Remaining": "Requests left in the current window.",
    "RateLimit-Reset": "Seconds until the window starts again.",
}

EVERY_OPERATION = {
    "401": "No token, or one that is unknown, expired or revoked (`unauthenticated`).",
    "403": "The token lacks the operation's scope, or the access policy refuses (`forbidden`).",
    "422": "A parameter or the body did not validate, or a service refused it; `details` "
    "names each field (`invalid`).",
    "429": "The token spent its rate limit; `Retry-After` says when to come back (`rate_limited`).",
}
WITH_PATH_PARAMETERS = {
    "404": "Nothing with that id that this token may see; missing and hidden answer alike.",
}
WITH_BODY = {
    "400": "An Idempotency-Key longer than 80 characters or not printable (`bad_request`).",
    "413": "The body is larger than the site accepts (`too_large`).",
    "415": "The body is not application/json (`unsupported_media_type`).",
}

IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Makes a retry safe: within 24 hours, the same request with the same key "
    "gets the first answer again (200, `Idempotent-Replayed: true`) and creates nothing; "
    "another request with the key is refused (422, `idempotency_key_reused`).",
    "schema": {"type": "string", "maxLength": 80},
    "example": "RMS-2026-118842",
}


def _error_answer(description: str, status: str) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if status == "429":
        answer["headers"] = {
            "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
        }
    return answer


def complete(document: dict[str, Any]) -> dict[str, Any]:
    document.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            # ninja keys answers by int, JSON by text: one kind, so none is listed twice.
            answers = {str(status): a for status, a in operation.get("responses", {}).items()}
            operation["responses"] = answers
            errors = dict(EVERY_OPERATION)
            if "{" in path:
                errors |= WITH_PATH_PARAMETERS
            if method in {"post", "put", "patch"}:
                errors |= WITH_BODY
            for status, description in errors.items():
                answers.setdefault(status, _error_answer(description, status))
            for status, answer in answers.items():
                if status != "429":
                    answer.setdefault("headers", {}).update(
                        {
                            name: {"description": text, "schema": {"type": "integer"}}
                            for name, text in RATE_HEADERS.items()
                        }
                    )
            if method == "post":
                parameters = operation.setdefault("parameters", [])
                if not any(p.get("name") == IDEMPOTENCY_KEY["name"] for p in parameters):
                    parameters.append(dict(IDEMPOTENCY_KEY))
    return document
