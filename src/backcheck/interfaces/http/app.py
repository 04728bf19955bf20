"""The FastAPI application: wiring, limits and error shapes. Routes live in api.py."""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Route

from backcheck.__about__ import __version__
from backcheck.errors import BackcheckError, ErrorCode, InputError
from backcheck.interfaces.http.api import error_response, router, status_of
from backcheck.interfaces.http.body_limit import BodyLimit
from backcheck.interfaces.http.cds_hooks import router as cds_router
from backcheck.interfaces.http.pages import router as pages_router
from backcheck.interfaces.http.store import SessionStore, default_url
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context

MAX_BODY = 256 * 1024  # bytes; a long free-text description is a few kB

_ERROR = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "error": {
                        "type": "object",
                        "properties": {
                            "code": {"type": "string"},
                            "message": {"type": "string"},
                            "field": {"type": "string"},
                        },
                        "required": ["code", "message"],
                    }
                },
                "required": ["error"],
            }
        }
    }
}


def findings_schema(kb: KnowledgeBase) -> dict[str, Any]:
    """JSON Schema of ``findings``: each known id with its type and range; nothing else."""
    properties: dict[str, Any] = {}
    for f in kb.findings.values():
        if f.kind == "boolean":
            value: dict[str, Any] = {"type": "boolean"}
        elif f.kind == "number":
            value = {"type": "number", "minimum": f.minimum, "maximum": f.maximum}
        else:
            value = {"type": "string", "enum": list(f.options or [])}
        properties[f.id] = {"anyOf": [value, {"type": "null"}], "description": f.names.en}
    return {"type": "object", "properties": properties, "additionalProperties": False, "title": "Findings"}


def create_app(*, kb: KnowledgeBase | None = None, database_url: str | None = None) -> FastAPI:
    """Build the app; the knowledge base and the session store are made once here."""
    store = SessionStore(database_url or default_url())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # The knowledge base and the language packs live as long as the process: moving them
        # out of the collector's sight keeps the full collections under load short (they
        # showed as the slowest 1 % of requests in the load benchmark).
        gc.collect()
        gc.freeze()
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="backcheck",
        version=__version__,
        description="Lower back pain: red flags, triage, likely causes and a cited plan. Not a diagnosis.",
        responses={
            400: {"description": "Malformed request body", **_ERROR},
            404: {"description": "No such session or item", **_ERROR},
            405: {"description": "Method not allowed", **_ERROR},
            413: {"description": "Request body too large", **_ERROR},
            422: {"description": "The input does not fit", **_ERROR},
        },
    )
    app.state.ctx = Context.create(
        kb or load_knowledge_base(), locale=os.environ.get("BACKCHECK_LOCALE") or None
    )
    app.state.store = store
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY)
    app.include_router(router)
    app.include_router(cds_router)
    app.include_router(pages_router)
    kb_loaded: KnowledgeBase = app.state.ctx.kb

    def openapi() -> dict[str, Any]:
        # The findings a case may carry come from the knowledge base, so the schema says
        # exactly which ids exist and what each takes (a boolean is not an age).
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            schema["components"]["schemas"]["Case"]["properties"]["findings"] = findings_schema(kb_loaded)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.exception_handler(BackcheckError)
    async def on_backcheck_error(_: Request, error: BackcheckError) -> JSONResponse:
        return error_response(error, status_of(error))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        # Starlette's own errors (bad path, bad method, undecodable body) in our error shape.
        code = {400: ErrorCode.HT403, 404: ErrorCode.HT404, 405: ErrorCode.HT405, 413: ErrorCode.HT402}.get(
            error.status_code
        )
        response = error_response(
            BackcheckError(code or ErrorCode.HT403, str(error.detail)), error.status_code
        )
        if error.status_code == 405:
            # Every method any route on this path accepts (Starlette names only the first route's).
            path = request.url.path
            methods = {
                m
                for r in app.routes
                if isinstance(r, Route) and r.path_regex.match(path)
                for m in r.methods or ()
            }
            response.headers["Allow"] = ", ".join(sorted(methods))
        return response

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {"loc": (), "msg": "invalid", "type": ""}
        loc = [str(p) for p in first.get("loc", ()) if p != "body"]
        if first.get("type") == "json_invalid":
            return error_response(BackcheckError(ErrorCode.HT403, "the body is not valid JSON"), 400)
        code = ErrorCode.IN103 if first.get("type") == "extra_forbidden" else ErrorCode.IN105
        if first.get("type") == "missing":
            code = ErrorCode.IN107
        field = ".".join(loc) or None
        return error_response(InputError(code, f"{field}: {first.get('msg')}", field=field), 422)

    return app
