"""``backcheck articles``: add articles, check one, print a stored report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import track

from backcheck.articles.batch import read_many, read_one
from backcheck.articles.document import find_files
from backcheck.articles.index import PassageIndex
from backcheck.articles.library import Library, default_path
from backcheck.articles.passage import Passage
from backcheck.articles.render import to_html, to_markdown
from backcheck.errors import BackcheckError, ErrorCode

articles_app = typer.Typer(
    help="Read health articles and check them against the evidence.", no_args_is_help=True
)
console = Console()
err = Console(stderr=True)
Db = Annotated[
    Path | None, typer.Option("--db", help="Articles database (default: in the user's data folder).")
]


@articles_app.command("add")
def add_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (txt, html, md; folders recursively).")
    ],
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes.")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address.")] = None,
    db: Db = None,
) -> None:
    """Read, check and store articles; a bad file is reported and skipped, the rest go on."""
    if engine not in ("local", "dask"):
        err.print(f"[red]error[/] --engine takes local or dask, not {engine!r}")
        raise typer.Exit(2)
    missing = [p for p in paths if not p.exists()]
    if missing:
        err.print(
            f"[red]error[/] [{ErrorCode.CL301.name}] no such file or folder: {', '.join(map(str, missing))}"
        )
        raise typer.Exit(2)
    files = find_files(paths)
    chosen: Literal["local", "dask"] = "dask" if engine == "dask" else "local"
    results = read_many(files, workers=workers, engine=chosen, scheduler=scheduler)
    library = Library(db or default_path())
    index = PassageIndex(db or default_path())
    added = 0
    for result in track(results, description="storing", console=err, disable=len(results) < 20):
        if "error" in result:
            err.print(f"[yellow]skipped[/] [{result['error']['code']}] {result['error']['message']}")
            continue
        library.put(result["report"])
        index.add(Passage(**p) for p in result["passages"])
        added += 1
        r = result["report"]
        console.print(
            f"[green]✓[/] {r['id']} ({r['language']}): {len(r['claims'])} claims, "
            f"{len(r['conflicts'])} conflicts, {len(r['missing'])} warning signs not mentioned"
        )
    console.print(f"{added} added, {len(results) - added} skipped")
    library.close()
    index.close()


@articles_app.command("check")
def check_command(
    file: Annotated[Path, typer.Argument(help="One article file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Check one article without storing it."""
    if not file.is_file():
        err.print(f"[red]error[/] [{ErrorCode.CL301.name}] no such file: {file}")
        raise typer.Exit(2)
    result = read_one(str(file))
    if "error" in result:
        err.print(f"[red]error[/] [{result['error']['code']}] {result['error']['message']}")
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(result["report"], ensure_ascii=False, indent=2))
    else:
        console.print(Markdown(to_markdown(result["report"])))


@articles_app.command("report")
def report_command(
    article_id: Annotated[str, typer.Argument(help="The article's id (its file name).")],
    fmt: Annotated[str, typer.Option("--format", help="terminal, markdown or html.")] = "terminal",
    db: Db = None,
) -> None:
    """Print a stored article's report."""
    library = Library(db or default_path())
    report = library.get(article_id)
    library.close()
    if report is None:
        error = BackcheckError(
            ErrorCode.AR505, f"no stored article {article_id!r}; add it with `articles add`"
        )
        err.print(f"[red]error[/] {error}")
        raise typer.Exit(1)
    if fmt == "markdown":
        print(to_markdown(report), end="")
    elif fmt == "html":
        print(to_html(report))
    else:
        console.print(Markdown(to_markdown(report)))
