"""The ``backcheck`` command line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console

from backcheck.__about__ import __version__
from backcheck.engine.case import Lang, parse_case
from backcheck.errors import BackcheckError, ErrorCode, InputError, KnowledgeBaseError
from backcheck.interfaces.cli.articles import articles_app
from backcheck.interfaces.cli.interview import interview_command
from backcheck.interfaces.cli.kb import KbDir, kb_app
from backcheck.interfaces.cli.options import checked_lang
from backcheck.interfaces.cli.render import render_assessment
from backcheck.interfaces.cli.screen import screen_command
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.load import load_knowledge_base
from backcheck.pipeline import Context, result_to_dict, run_case

app = typer.Typer(
    name="backcheck",
    help="Lower back pain assessment: red flags, triage, likely causes and a cited plan. Not a diagnosis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(kb_app, name="kb")
app.add_typer(articles_app, name="articles")
app.command("screen")(screen_command)

err_console = Console(stderr=True)


def _fail(error: BackcheckError, *, exit_code: int = 1) -> typer.Exit:
    err_console.print(f"[red]error[/] {error}")
    return typer.Exit(exit_code)


def _load(kb_dir: Path | None) -> KnowledgeBase:
    try:
        return load_knowledge_base(kb_dir)
    except KnowledgeBaseError as error:
        raise _fail(error) from error


def _context(kb_dir: Path | None, *, locale: str | None = None) -> Context:
    return Context.create(_load(kb_dir), locale=locale or os.environ.get("BACKCHECK_LOCALE") or None)


def _decode(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(ErrorCode.IN101, f"invalid JSON at column {err.colno}: {err.msg}") from err


def _assess_one(raw: str, ctx: Context, lang: Lang | None) -> dict[str, Any]:
    case = parse_case(_decode(raw))
    return result_to_dict(run_case(case, ctx, lang=lang, next_question=True))


def _echo_id(raw: str) -> Any:
    """Best effort: the input's id, so an error line can still be matched to its input."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return data.get("id") if isinstance(data, dict) else None


def _stream(source: TextIO, ctx: Context, lang: Lang | None) -> int:
    failures = 0
    out = sys.stdout
    for raw in source:
        if not raw.strip():
            continue
        try:
            result = _assess_one(raw, ctx, lang)
        except InputError as error:
            failures += 1
            result = {"id": _echo_id(raw), "error": error.to_dict()}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return failures


@app.command("assess")
def assess_command(
    input_file: Annotated[
        Path | None, typer.Option("--input", "-i", help="JSON file to read instead of stdin.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of the terminal view.")] = False,
    as_fhir: Annotated[
        bool,
        typer.Option(
            "--fhir", help="Print a FHIR R4B Bundle (QuestionnaireResponse, Observations, RiskAssessment)."
        ),
    ] = False,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Stream: one JSON case per line in, one result per line out.")
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="en, ar or zh: the text's language and the output's (default: detected)."
        ),
    ] = None,
    locale: Annotated[
        str | None,
        typer.Option(
            "--locale",
            help="Country code (GB, US, CN...) for crisis lines; default BACKCHECK_LOCALE, else by language.",
        ),
    ] = None,
    kb_dir: KbDir = None,
) -> None:
    """Assess one case (JSON object on stdin or --input) and print triage, causes and plan."""
    language = checked_lang(lang)
    if input_file is not None and not input_file.is_file():
        raise _fail(BackcheckError(ErrorCode.CL301, f"no such file: {input_file}"), exit_code=2)
    ctx = _context(kb_dir, locale=locale)
    source = input_file.open(encoding="utf-8") if input_file else sys.stdin
    with source:
        if jsonl:
            raise typer.Exit(1 if _stream(source, ctx, language) else 0)
        raw = source.read()
    try:
        case = parse_case(_decode(raw))
        result = run_case(case, ctx, lang=language, next_question=True)
    except InputError as error:
        if as_json:
            print(json.dumps({"id": _echo_id(raw), "error": error.to_dict()}, ensure_ascii=False))
        raise _fail(error) from error
    if as_fhir:
        from backcheck.interfaces.fhir import assessment_bundle, fhir_json  # fhir.resources loads slowly

        bundle = assessment_bundle(result.assessment, ctx.kb)
        print(json.dumps(fhir_json(bundle), ensure_ascii=False, indent=2))
    elif as_json:
        print(json.dumps(result_to_dict(result), ensure_ascii=False, indent=2))
    else:
        render_assessment(result.assessment, Console(), labels=ctx.kb.phrases.labels, reading=result.reading)


@app.command("interview")
def interview(
    lang: Annotated[str, typer.Option("--lang", help="en, ar or zh: the interview's language.")] = "en",
    resume: Annotated[
        Path | None, typer.Option("--resume", help="Continue the interview saved in this file.")
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save", help="Save the interview here after every answer (default: backcheck-interview.json)."
        ),
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help="Start from this description instead of asking for one.")
    ] = None,
    age: Annotated[int | None, typer.Option("--age", min=0, max=120, help="Age in years, if known.")] = None,
    sex: Annotated[str | None, typer.Option("--sex", help="female or male, if known.")] = None,
    simulate_file: Annotated[
        Path | None,
        typer.Option(
            "--simulate", help="Simulated patients: a JSONL file of cases (id, age, sex, text, findings)."
        ),
    ] = None,
    from_text: Annotated[
        bool, typer.Option("--from-text", help="With --simulate: start each interview from the case's text.")
    ] = False,
    kb_dir: KbDir = None,
) -> None:
    """Ask the fewest questions to a safe answer; go back with b, answer ? for don't know."""
    if sex not in (None, "female", "male"):
        err_console.print(f"[red]error[/] --sex must be female or male, not {sex!r}")
        raise typer.Exit(2)
    interview_command(
        _context,
        lang=lang,
        resume=resume,
        save=save,
        text=text,
        age=age,
        sex=sex,
        simulate_file=simulate_file,
        from_text=from_text,
        kb_dir=kb_dir,
    )


@app.command("ask")
def ask(
    question: Annotated[str, typer.Argument(help="A question in English, Arabic or Chinese.")],
    lang: Annotated[str | None, typer.Option("--lang", help="en, ar or zh (default: detected).")] = None,
    db: Annotated[
        Path | None, typer.Option("--db", help="Articles database (default: user data folder).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Answer a question from the knowledge base, quoting and citing what supports it."""
    from backcheck.interfaces.cli.ask import ask_command

    ask_command(question, lang=lang, db=db, as_json=as_json)


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Server processes (one per core).")
    ] = 1,
    kb_dir: KbDir = None,
) -> None:
    """Start the web app and HTTP API (sessions in SQLite, or BACKCHECK_DATABASE_URL)."""
    import uvicorn  # imported here: the other commands should not pay for the web stack

    quiet: dict[str, Any] = {"host": host, "port": port, "log_level": "warning", "access_log": False}
    if workers == 1:
        from backcheck.interfaces.http.app import create_app

        uvicorn.run(create_app(kb=_load(kb_dir)), **quiet)
        return
    if kb_dir is not None:  # each worker builds its own app from an import string
        raise _fail(BackcheckError(ErrorCode.CL301, "--kb works with one worker only"), exit_code=2)
    factory = "backcheck.interfaces.http.app:create_app"
    if os.name == "posix":
        # Become uvicorn's own supervisor: a fresh interpreter that never imports backcheck,
        # jieba or rich, so the process that only watches the workers stays small (its memory
        # counts against the server's; see docs/benchmarks.md).
        flags = ["--host", host, "--port", str(port), "--workers", str(workers)]
        quiet_flags = ["--log-level", "warning", "--no-access-log", "--factory", factory]
        os.execv(sys.executable, [sys.executable, "-m", "uvicorn", *flags, *quiet_flags])
    uvicorn.run(factory, factory=True, workers=workers, **quiet)


@app.command("version")
def version_command() -> None:
    """Print backcheck's version and the bundled knowledge base's version."""
    kb = _load(None)
    print(f"backcheck {__version__}, knowledge base {kb.version}")


def main() -> None:
    """Console-script entry point: a bug is reported in one line, never as a traceback."""
    try:
        app()
    except Exception as error:  # last resort at the process boundary
        err_console.print(f"[red]internal error[/] {type(error).__name__}: {error}")
        err_console.print("This is a bug in backcheck; please report it with the input that caused it.")
        raise SystemExit(70) from error
