"""``backcheck kb``: check the knowledge base and count what it holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from backcheck.errors import KnowledgeBaseError
from backcheck.knowledge.check import check_knowledge_base
from backcheck.knowledge.load import load_knowledge_base
from backcheck.knowledge.stats import kb_stats

kb_app = typer.Typer(help="Check and describe the knowledge base.", no_args_is_help=True)
console = Console()
KbDir = Annotated[Path | None, typer.Option("--kb", help="Knowledge-base folder (default: bundled).")]


@kb_app.command("check")
def check_command(kb_dir: KbDir = None) -> None:
    """Validate every file and cross-reference; exit 1 and name each problem if any."""
    try:
        kb = load_knowledge_base(kb_dir, check=False)
    except KnowledgeBaseError as error:
        console.print(Text("✗ ", style="red") + Text(str(error)))
        raise typer.Exit(1) from error
    problems = check_knowledge_base(kb)
    for p in problems:
        console.print(Text("✗ ", style="red") + Text(f"[{p.code.name}] {p.where}: {p.message}"))
    if problems:
        console.print(f"{len(problems)} problem(s) in knowledge base {kb.version}")
        raise typer.Exit(1)
    console.print(f"[green]✓[/] knowledge base {kb.version} is consistent")


@kb_app.command("stats")
def stats_command(
    kb_dir: KbDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Count conditions, findings, red flags, advice and citations, and name coverage per language."""
    try:
        kb = load_knowledge_base(kb_dir)
    except KnowledgeBaseError as error:
        console.print(Text("✗ ", style="red") + Text(str(error)))
        raise typer.Exit(1) from error
    stats = kb_stats(kb)
    if as_json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    for key, value in stats.items():
        console.print(f"{key}: {value}")
