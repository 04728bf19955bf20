"""The request body limit, as plain ASGI middleware.

Starlette's ``BaseHTTPMiddleware`` costs a task group and a body stream per request, which
showed in the load benchmark; this checks the declared length before the app runs and counts
the bytes of bodies that declare none (chunked), answering in the API's own error shape.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backcheck.errors import BackcheckError, ErrorCode
from backcheck.interfaces.http.api import error_response


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413 and error HT402."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised inside the body read: FastAPI passes HTTPException on, and the
                    # app's handler turns 413 into HT402 with this message.
                    raise HTTPException(413, detail=self._message())
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = BackcheckError(ErrorCode.HT402, self._message())
        await error_response(error, 413)(scope, receive, send)

    def _message(self) -> str:
        return f"the body may be at most {self.max_bytes} bytes"
