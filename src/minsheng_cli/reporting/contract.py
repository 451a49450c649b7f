"""The report's JSON contract (PRODUCT.md §3), as plain data: scripts and tests rely on these names.

Fractions are fractions (0.62, rounded to 0.0001 — a hundredth of a percentage point), gaps are
percentage points, dates stay dates (the JSON writer makes them ISO), a milestone's value is
done or not. `previous` is the value at the previous period's end.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Optional

from minsheng_cli.ledger.model import Target
from minsheng_cli.reporting import report as R
from minsheng_cli.reporting.forecast import TargetForecast
from minsheng_cli.reporting.schedule import TargetState, round_half_up


def share(value: Optional[Fraction]) -> Optional[Decimal]:
    """A fraction for JSON: 0.62 (rounded to 0.0001, i.e. 0.01 of a percentage point)."""
    return None if value is None else round_half_up(value, 4)


def report_contract(report: R.Report) -> dict:
    from minsheng_cli.reporting.listing import plan_json

    summary = report.summary
    return {
        "plan": plan_json(report.plan),
        "as_of": report.as_of,
        "previous": report.period.previous,
        "summary": {
            "projects": summary.projects,
            **{key: summary.counts[key] for key in R.SUMMARY_KEYS},
            "completion": share(summary.completion),
            "expected": share(summary.expected),
        },
        "projects": [{**_project(line), "escalation": _escalation(report.oversight.get(line.project.id))}
                     for line in report.projects],
    }


def _escalation(seen) -> Optional[dict]:
    """The escalation ladder beside a project (escalation.Oversight; computed for --detail and the
    通报, else None): months behind in a row and the rung suggested (reminder / order / listing)."""
    if seen is None:
        return None
    return {"months_behind_in_a_row": seen.months, "suggestion": seen.suggestion}


def _project(line: R.ProjectLine) -> dict:
    state = line.now
    return {
        "id": line.project.id,
        "name": line.project.name,
        "category": line.project.category,
        "lead": list(line.project.lead),
        "completion": share(state.completion),
        "expected": share(state.expected),
        "gap": state.gap,
        "status": state.status,
        "flags": list(state.flags),
        "targets": [_target(t) for t in line.targets],
        "forecast": _project_forecast(line),
    }


def _value(target: Target, state: TargetState):
    if target.kind == "milestone":
        return bool(state.actual)
    return state.actual


def _target(line: R.TargetLine) -> dict:
    state, target = line.now, line.target
    figure = None if target.kind in ("milestone", "continuing") else state.terms.figure
    return {
        "id": target.id,
        "name": target.name,
        "kind": target.kind,
        "unit": target.unit,
        "target": figure,
        "actual": _value(target, state),
        "previous": _value(target, line.before),
        "delta": line.delta,
        "completion": share(state.completion),
        "expected": share(state.expected),
        "gap": state.gap,
        "status": state.status,
        "flags": list(state.flags),
        "as_of": state.as_of,
        "counties": None if state.counties is None else [
            {"name": c.name, "target": c.target, "actual": c.actual, "completion": share(c.completion), "as_of": c.as_of}
            for c in state.counties
        ],
        "forecast": _target_forecast(line.forecast),
    }


def _amount(value: Optional[Fraction]) -> Optional[Decimal]:
    """A forecast figure in its unit, rounded to 0.01."""
    return None if value is None else round_half_up(value, 2)


def _target_forecast(forecast: Optional[TargetForecast]) -> Optional[dict]:
    """年底预计 and the rest (forecast.py), added to the §3 contract; None for a continuing,
    unreported or not started target. A milestone or checklist has its stage and no figures."""
    if forecast is None:
        return None
    stage = forecast.stage
    return {
        "projected": _amount(forecast.projected),
        "projected_completion": share(forecast.projected_share),
        "recent_monthly": _amount(forecast.pace),
        "needed_monthly": _amount(forecast.needed),
        "months_left": _amount(forecast.months_left),
        "pressure": _amount(forecast.pressure),
        "months_behind": forecast.months_behind,
        "stalled": forecast.stalled,
        "warning": forecast.warning,
        "stage": None if stage is None else {"done": stage.done, "total": stage.total, "next": stage.next},
    }


def _project_forecast(line: R.ProjectLine) -> Optional[dict]:
    """The project's: its principal target's figures, and its own months behind, 进度停滞 and 预警."""
    forecast = line.forecast
    if forecast is None:
        return None
    principal = forecast.principal
    return {
        "target": line.principal.target.id if principal is not None else None,
        "projected_completion": share(principal.projected_share) if principal is not None else None,
        "needed_monthly": _amount(principal.needed) if principal is not None else None,
        "pressure": _amount(principal.pressure) if principal is not None else None,
        "months_behind": forecast.months_behind,
        "stalled": forecast.stalled,
        "warning": forecast.warning,
        "short": [state.target.id for state in forecast.short],
    }
