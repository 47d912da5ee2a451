"""The API's documentation page (/api/v1/docs): the OpenAPI schema read by the server and
rendered as a plain page of the site, with no script and no third-party asset (the
interactive viewers load theirs from CDNs, which the CSP and the design refuse)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

METHODS = ("get", "post", "put", "patch", "delete")


def _resolve(schema: dict, components: dict) -> dict:
    ref = schema.get("$ref")
    if ref:
        return _resolve(components.get(ref.rsplit("/", 1)[-1], {}), components)
    return schema


def _type_of(schema: dict, components: dict) -> str:
    schema = _resolve(schema, components)
    if "anyOf" in schema:
        return " | ".join(_type_of(s, components) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"liste de {_type_of(schema.get('items', {}), components)}"
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    return schema.get("type") or schema.get("title") or "objet"


def _rules(schema: dict, components: dict) -> str:
    schema = _resolve(schema, components)
    parts = []
    for key, label in (("pattern", "motif"), ("maxLength", "longueur max."), ("minLength", "longueur min."),
                       ("format", "format"), ("maxItems", "éléments max.")):
        if key in schema:
            parts.append(f"{label} {schema[key]}")
    for sub in schema.get("anyOf", ()):
        sub_rules = _rules(sub, components)
        if sub_rules:
            parts.append(sub_rules)
    return ", ".join(parts)


def _fields(schema: dict, components: dict, prefix: str = "") -> list[dict]:
    """The fields of an object schema (nested objects flattened as a.b), each with its type and rules."""
    schema = _resolve(schema, components)
    if schema.get("type") == "array":
        return _fields(schema.get("items", {}), components, prefix + "[].")
    required = set(schema.get("required", ()))
    rows = []
    for name, prop in (schema.get("properties") or {}).items():
        resolved = _resolve(prop, components)
        rows.append({
            "name": prefix + name, "type": _type_of(prop, components), "required": name in required,
            "description": prop.get("description") or resolved.get("description", ""), "rules": _rules(prop, components),
        })
        nested = next((s for s in [resolved, *resolved.get("anyOf", ())] if _resolve(s, components).get("properties")), None)
        if nested is not None:
            rows += _fields(nested, components, prefix + name + ".")
    return rows


def operations(schema: dict) -> list[dict]:
    components = schema.get("components", {}).get("schemas", {})
    found = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            body = (operation.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema")
            responses = []
            for code, response in operation.get("responses", {}).items():
                content = (response.get("content") or {}).get("application/json", {}).get("schema")
                responses.append({"code": code, "description": response.get("description", ""),
                                  "fields": _fields(content, components) if content else []})
            found.append({
                "id": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", "").strip("-"),
                "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                "tag": (operation.get("tags") or [""])[0], "secured": bool(operation.get("security")),
                "parameters": [{
                    "name": p["name"], "in": p["in"], "required": p.get("required", False),
                    "type": _type_of(p.get("schema", {}), components), "description": p.get("description", ""),
                    "rules": _rules(p.get("schema", {}), components),
                } for p in operation.get("parameters", ())],
                "body": _fields(body, components) if body else [],
                "responses": responses,
            })
    return found


@require_GET
def api_docs(request):
    from recours.api.api import api

    schema = api.get_openapi_schema()
    return render(request, "api/docs.html", {
        "title": _("Documentation de l'API"), "info": schema.get("info", {}), "operations": operations(schema),
        "schema_url": "/api/v1/openapi.json",
    })
