"""Render an assessment for people in a terminal (rich). No clinical logic here."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backcheck.engine.assessment import Assessment, PlanItem

_STYLE = {
    "emergency_ambulance": "bold white on red",
    "emergency": "bold white on dark_red",
    "consultation_24": "bold black on dark_orange",
    "consultation": "bold black on yellow",
    "self_care": "bold white on dark_green",
}


def render_assessment(assessment: Assessment, console: Console) -> None:
    """Print the triage banner, red flags, causes with why, the plan, sources and disclaimer."""
    a = assessment
    console.print(
        Panel(
            Group(Text(a.triage_name, style="bold"), Text(a.action), Text(a.triage_reason, style="italic")),
            title=f"[{_STYLE[a.triage]}] {a.triage} [/]",
            border_style="red" if a.triage.startswith("emergency") else "cyan",
        )
    )
    if a.red_flags:
        console.print(Text("Red flags", style="bold red"))
        for hit in a.red_flags:
            console.print(f"  • {hit.name} [dim]({', '.join(hit.matched)}; {', '.join(hit.citations)})[/]")
    table = Table(title="Possible causes (most likely first)", show_lines=False, expand=True)
    table.add_column("Cause")
    table.add_column("ICD-10", no_wrap=True)
    table.add_column("Chance", justify="right", no_wrap=True)
    table.add_column("Why")
    for c in a.conditions:
        why = "; ".join(
            f"{'+' if w.effect == 'raised' else '−'} {w.finding_name} (LR {w.likelihood_ratio:g})"
            for w in c.why[:3]
        )
        table.add_row(c.name, c.icd10, f"{c.probability:.0%}", why or "base rate")
    console.print(table)
    sections: list[tuple[str, list[PlanItem]]] = [
        ("What to do", a.plan.do),
        ("Exercises", a.plan.exercises),
        ("What to avoid", a.plan.avoid),
        ("When to get help", a.plan.seek_care),
    ]
    for title, items in sections:
        if not items:
            continue
        console.print(Text(title, style="bold"))
        for item in items:
            console.print(f"  • [bold]{item.name}[/]: {item.text}")
            for n, step in enumerate(item.steps, 1):
                console.print(f"      {n}. {step}")
    if a.plan.course:
        console.print(Text("Expected course", style="bold"), a.plan.course)
    console.print(Text("Safety-netting", style="bold"), a.plan.safety_net)
    for note in a.plan.notes + [n.claim + " → " + n.position for n in a.plan.not_recommended]:
        console.print(f"  [dim]• {note}[/]")
    for note in a.notes:
        console.print(f"[yellow]Note:[/] {note}")
    console.print(Text("Sources", style="bold"))
    for ref in a.citations:
        where = ref.url or ref.file or ""
        console.print(f"  [{ref.id}] {ref.title} [dim]{where}[/]")
    console.print(Panel(a.disclaimer, border_style="dim"))
    console.print(f"[dim]knowledge base {a.kb_version}[/]")
