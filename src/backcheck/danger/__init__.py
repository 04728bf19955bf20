"""General danger signs that hold whatever the complaint: aggregate scores over vital signs
(NEWS2), crisis help, who backcheck is for, and which warning signs a result has an answer for.

The signs themselves are knowledge-base data (``findings_danger.yaml``, ``triage_rules_danger.yaml``,
``scores.yaml``, ``crisis.yaml``, ``scope.yaml``); this package only interprets them.
"""

from backcheck.danger.crisis import CrisisHelp, crisis_help
from backcheck.danger.scope import under_age
from backcheck.danger.scores import ScoreResult, compute_score
from backcheck.danger.screened import Screened, warning_signs

__all__ = [
    "CrisisHelp",
    "ScoreResult",
    "Screened",
    "compute_score",
    "crisis_help",
    "under_age",
    "warning_signs",
]
