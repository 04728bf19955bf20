"""``backcheck ask``: answer a question from the knowledge base, with quotes and their sources.

A plain function (no typer here), so the app can wrap it with its options. Every error is one
line on stderr: exit 1 for an error in the input or data, 2 for a wrong option.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.text import Text

from backcheck.articles.ask import Answer, ask
from backcheck.articles.index import PassageIndex
from backcheck.articles.library import default_path
from backcheck.engine.case import Lang
from backcheck.errors import BackcheckError, ErrorCode, InputError, KnowledgeBaseError
from backcheck.interfaces.cli.options import checked_lang
from backcheck.knowledge.base import KnowledgeBase
from backcheck.knowledge.load import load_knowledge_base


def _fail(message: str, *, exit_code: int = 1) -> typer.Exit:
    # The same one-line form as the rest of the command line ("error [CODE] message").
    Console(stderr=True).print(Text("error ", style="red") + Text(message))
    return typer.Exit(exit_code)


def _open_index(db: Path | None, kb: KnowledgeBase) -> PassageIndex:
    """The index at ``db`` (default: the articles database), holding ``kb``'s passages."""
    if db is not None and not db.parent.is_dir():
        raise _fail(str(BackcheckError(ErrorCode.CL301, f"no such folder: {db.parent}")), exit_code=2)
    path = db or default_path()
    try:
        index = PassageIndex(path)
        if index.knowledge_digest != kb.digest:  # none yet, or from another knowledge base
            index.add_knowledge(kb)
    except sqlite3.Error as err:
        raise _fail(f"cannot use the article index {path}: {err}") from err
    return index


def answer_to_json(answer: Answer, kb: KnowledgeBase) -> dict[str, Any]:
    """The answer, the knowledge base's version, and the title and address of every cited source."""
    cited = dict.fromkeys(c for q in answer.quotes for c in q.citations)
    sources = {
        c: {"title": kb.citations[c].title, "url": kb.citations[c].url} for c in cited if c in kb.citations
    }
    return {**answer.to_dict(), "sources": sources, "kb_version": kb.version}


def _label(kb: KnowledgeBase, key: str, lang: Lang, default: str) -> str:
    text = kb.phrases.labels.get(key)
    return text.get(lang) if text is not None else default


def render_answer(answer: Answer, kb: KnowledgeBase, console: Console) -> None:
    """The answer, each quote with where it comes from, the sources, and the disclaimer."""
    console.print(Text(answer.text, style="bold" if answer.known else "yellow"))
    for quote in answer.quotes:
        console.print()
        console.print(Text(f"• {quote.title}", style="bold"))
        if quote.text not in answer.text:  # the answer's own sentences are not printed twice
            console.print(Text(f"  “{quote.text}”"))
        where = quote.source if quote.source != "kb" else _label(kb, "kb_version", answer.lang, "kb")
        cites = f" ({', '.join(quote.citations)})" if quote.citations else ""
        console.print(Text(f"  {where}{cites}", style="dim"))
    cited = [c for c in dict.fromkeys(c for q in answer.quotes for c in q.citations) if c in kb.citations]
    if cited:
        console.print()
        console.print(Text(_label(kb, "sources", answer.lang, "Sources"), style="bold"))
        for c in cited:
            citation = kb.citations[c]
            console.print(Text(f"  {c}: {citation.title}" + (f" {citation.url}" if citation.url else "")))
    console.print()
    console.print(Text(answer.disclaimer, style="italic dim"))


def ask_command(
    question: str, *, lang: str | None, db: Path | None, as_json: bool, kb_dir: Path | None = None
) -> None:
    """Answer ``question`` (in ``lang``, or the detected language) and print it, or JSON."""
    language = checked_lang(lang)
    try:
        kb = load_knowledge_base(kb_dir)
    except KnowledgeBaseError as error:
        raise _fail(str(error)) from error
    index = _open_index(db, kb)
    try:
        answer = ask(question, index=index, kb=kb, lang=language)
    except InputError as error:
        if as_json:
            print(json.dumps({"error": error.to_dict()}, ensure_ascii=False))
        raise _fail(str(error)) from error
    except sqlite3.Error as err:
        raise _fail(f"cannot search the article index: {err}") from err
    finally:
        index.close()
    if as_json:
        print(json.dumps(answer_to_json(answer, kb), ensure_ascii=False, indent=2))
    else:
        render_answer(answer, kb, Console())
