"""The API reference for integrators, read from the OpenAPI document the API publishes,
so the page and the API cannot drift apart: every operation with its scope, parameters,
body fields and answers."""

from dataclasses import dataclass, field
from typing import Any

from goldenthread.tokens.auth import TokenAuth


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    scope: str
    parameters: list[Parameter]
    body: list[Parameter]
    answers: list[tuple[str, str]]

    @property
    def anchor(self) -> str:
        return (
            f"{self.method}-{self.path}".lower()
            .replace("/", "-")
            .strip("-")
            .replace("{", "")
            .replace("}", "")
        )


@dataclass
class Section:
    tag: str
    operations: list[Operation] = field(default_factory=list)


def _type(schema: dict[str, Any], components: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        kinds = [_type(s, components) for s in schema["anyOf"]]
        return " or ".join(k for k in kinds if k != "null") + (
            " (optional)" if "null" in kinds else ""
        )
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}), components)}"
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    kind = str(schema.get("type", "any"))
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def _fields(schema: dict[str, Any], components: dict[str, Any]) -> list[Parameter]:
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    required = set(schema.get("required", []))
    return [
        Parameter(name, _type(spec, components), name in required, spec.get("description", ""))
        for name, spec in schema.get("properties", {}).items()
    ]


def scopes_by_operation(api: Any) -> dict[tuple[str, str], str]:
    """(path, METHOD) -> the scope a token needs, from the operations themselves."""
    found = {}
    for _prefix, router in api._routers:
        for route, path_view in router.path_operations.items():
            for operation in path_view.operations:
                scopes = [
                    str(auth.scope)
                    for auth in operation.auth_callbacks
                    if isinstance(auth, TokenAuth) and auth.scope is not None
                ]
                for method in operation.methods:
                    found["/api/v1" + route, method] = ", ".join(scopes) or "any live token"
    return found


def reference(document: dict[str, Any], scopes: dict[tuple[str, str], str]) -> list[Section]:
    components = document.get("components", {}).get("schemas", {})
    sections: dict[str, Section] = {}
    for path, item in document["paths"].items():
        for method, spec in item.items():
            body_schema = (
                spec.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
            )
            operation = Operation(
                method=method.upper(),
                path=path,
                summary=spec.get("summary", ""),
                description=spec.get("description", ""),
                scope=scopes.get((path, method.upper()), ""),
                parameters=[
                    Parameter(
                        f"{p['name']} ({p['in']})",
                        _type(p.get("schema", {}), components),
                        bool(p.get("required")),
                        p.get("description", "") or p.get("schema", {}).get("description", ""),
                    )
                    for p in spec.get("parameters", [])
                ],
                body=_fields(body_schema, components),
                answers=[
                    (status, answer.get("description", ""))
                    for status, answer in spec.get("responses", {}).items()
                ],
            )
            tag = (spec.get("tags") or ["other"])[0]
            sections.setdefault(tag, Section(tag)).operations.append(operation)
    return sorted(sections.values(), key=lambda s: s.tag)
