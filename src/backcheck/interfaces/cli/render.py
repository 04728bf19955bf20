"""Render an assessment for people in a terminal (rich). No clinical logic here."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backcheck.engine.assessment import Assessment, PlanItem
from backcheck.knowledge.schema import Text as Localised
from backcheck.language.reading import Reading

_STYLE = {
    "emergency_ambulance": "bold white on red",
    "emergency": "bold white on dark_red",
    "consultation_24": "bold black on dark_orange",
    "consultation": "bold black on yellow",
    "self_care": "bold white on dark_green",
}


def render_assessment(
    assessment: Assessment,
    console: Console,
    *,
    labels: dict[str, Localised],
    reading: Reading | None = None,
) -> None:
    """Print the triage banner, red flags, causes with why, the plan, sources and disclaimer."""
    a = assessment

    def label(key: str) -> str:
        return labels[key].get(a.language) if key in labels else key

    if a.crisis is not None:  # a crisis comes before anything about the back
        lines = [Text(a.crisis.message, style="bold")]
        if a.crisis.emergency_number:
            lines.append(Text(f"  • {a.crisis.emergency_number}"))
        lines += [Text(f"  • {line.name}: {line.contact}") for line in a.crisis.lines]
        if a.crisis.fallback:
            lines.append(Text(a.crisis.fallback))
        console.print(Panel(Group(*lines), border_style="magenta"))
    if a.scope is not None:
        console.print(Panel(Text(a.scope.message), title=a.scope.title, border_style="yellow"))
    console.print(
        Panel(
            Group(Text(a.triage_name, style="bold"), Text(a.action), Text(a.triage_reason, style="italic")),
            title=f"[{_STYLE[a.triage]}] {a.triage} [/]",
            border_style="red" if a.triage.startswith("emergency") else "cyan",
        )
    )
    if reading is not None and reading.mentions:
        console.print(Text(label("read_from_text"), style="bold"))
        for m in reading.mentions:
            shown = m.value if m.state == "value" else m.state
            console.print(Text(f"  • “{m.text}” → {m.finding}: {shown}", style="dim"))
    if a.red_flags:
        console.print(Text(label("red_flags"), style="bold red"))
        for hit in a.red_flags:
            console.print(Text(f"  • {hit.name} ") + Text(f"({', '.join(hit.citations)})", style="dim"))
    table = Table(title=label("causes"), expand=True)
    table.add_column(label("cause"))
    table.add_column("ICD-10", no_wrap=True)
    table.add_column(label("chance"), justify="right", no_wrap=True)
    table.add_column(label("why"))
    for c in a.conditions:
        why = "; ".join(
            f"{'+' if w.effect == 'raised' else '−'} {'' if w.state == 'present' else label('not') + ': '}"
            f"{w.finding_name} (LR {w.likelihood_ratio:g})"
            for w in c.why[:3]
        )
        table.add_row(c.name, c.icd10, f"{c.probability:.0%}", why or label("base_rate"))
    console.print(table)
    sections: list[tuple[str, list[PlanItem]]] = [
        ("do", a.plan.do),
        ("exercises", a.plan.exercises),
        ("avoid", a.plan.avoid),
        ("seek_care", a.plan.seek_care),
    ]
    for key, items in sections:
        if not items:
            continue
        console.print(Text(label(key), style="bold"))
        for item in items:
            console.print(Text("  • ") + Text(item.name, style="bold") + Text(f": {item.text}"))
            for n, step in enumerate(item.steps, 1):
                console.print(Text(f"      {n}. {step}"))
    if a.plan.course:
        console.print(Text(label("course"), style="bold"), Text(a.plan.course))
    console.print(Text(label("safety_net"), style="bold"), Text(a.plan.safety_net))
    if a.plan.not_recommended:
        console.print(Text(label("not_recommended"), style="bold"))
        for conflict in a.plan.not_recommended:
            console.print(Text(f"  • {conflict.claim} ({conflict.claim_source}) → {conflict.position}"))
    for note in [*a.plan.notes, *a.notes]:
        console.print(Text(f"  {label('notes')}: {note}", style="yellow"))
    console.print(Text(label("sources"), style="bold"))
    for ref in a.citations:
        console.print(Text(f"  [{ref.id}] {ref.title} ") + Text(ref.url or ref.file or "", style="dim"))
    console.print(Panel(a.disclaimer, border_style="dim"))
    console.print(Text(f"{label('kb_version')} {a.kb_version}", style="dim"))
