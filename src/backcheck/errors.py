"""Numbered errors.

Codes: ``KB0xx`` knowledge base, ``IN1xx`` input, ``EN2xx`` engine, ``CL3xx`` command line,
``HT4xx`` HTTP API, ``AR5xx`` articles, ``SC6xx`` screening of message tables.
A code never changes meaning once released; retire codes instead of reusing them.
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class ErrorCode(Enum):
    """Every error code backcheck can report, with its fixed meaning."""

    KB001 = "knowledge-base file missing or unreadable"
    KB002 = "knowledge-base file is not valid YAML"
    KB003 = "knowledge-base file does not match its schema"
    KB004 = "duplicate id"
    KB005 = "reference to an unknown id"
    KB006 = "citation missing or of the wrong kind"
    KB007 = "rule or number out of its allowed range"
    KB008 = "translation missing"
    IN101 = "input is not valid JSON"
    IN102 = "input is not a JSON object"
    IN103 = "unknown field"
    IN104 = "unknown finding id"
    IN105 = "value of the wrong type"
    IN106 = "value out of range"
    IN107 = "missing required field"
    IN108 = "nothing in the text could be recognised"
    IN109 = "text in a language backcheck does not read"
    IN110 = "answer does not fit the question"
    IN111 = "unknown or inapplicable question"
    IN112 = "saved interview cannot be read"
    IN113 = "nothing to assess: no findings and no readable text"
    IN114 = "text about health, but nothing backcheck assesses could be read"
    HT401 = "no such interview session"
    HT402 = "request body too large"
    HT403 = "malformed request body"
    HT404 = "no such knowledge-base item or path"
    HT405 = "method not allowed"
    EN201 = "trace does not replay to the same result"
    CL301 = "file not found"
    AR501 = "article file is binary or unreadable"
    AR502 = "article file is empty"
    AR503 = "article file is too large"
    AR504 = "article file is not in a text encoding backcheck reads"
    AR505 = "no stored article with that id"
    SC601 = "input table missing or unreadable"
    SC602 = "unknown table format"
    SC603 = "column not found in the input"
    SC604 = "input header has duplicate or unusable column names"
    SC605 = "added columns clash with input columns"
    SC606 = "unfinished run was started with a different input or options"
    SC607 = "malformed row"
    SC608 = "row not in the input's text encoding"
    SC609 = "empty text"
    SC610 = "text too long"
    SC611 = "age, sex or language value not understood"
    SC612 = "unexpected failure on one row"
    SC613 = "a worker has a different knowledge base"
    SC614 = "another run is writing the same output"
    SC615 = "the Dask scheduler cannot be reached"


class BackcheckError(Exception):
    """Base class: an error with a code and a message that names what is wrong."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(f"[{code.name}] {message}")
        self.code = code
        self.message = message

    def to_dict(self) -> dict[str, str]:
        """The error as a JSON-ready object."""
        return {"code": self.code.name, "message": self.message}

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross process boundaries (worker pools, Dask); rebuild them from their parts.
        return (_rebuild, (type(self), self.code, self.message, self.__dict__))


class KnowledgeBaseError(BackcheckError):
    """The bundled or given knowledge base cannot be loaded."""


class InputError(BackcheckError):
    """A case given to backcheck is malformed; ``field`` names the culprit."""

    def __init__(self, code: ErrorCode, message: str, *, field: str | None = None) -> None:
        super().__init__(code, message)
        self.field = field

    def to_dict(self) -> dict[str, str]:
        """The error as a JSON-ready object, with the field when known."""
        out = super().to_dict()
        if self.field is not None:
            out["field"] = self.field
        return out


def _rebuild(
    cls: type[BackcheckError], code: ErrorCode, message: str, state: dict[str, Any]
) -> BackcheckError:
    error = cls.__new__(cls)
    BackcheckError.__init__(error, code, message)
    error.__dict__.update(state)
    return error
