"""Demo data: the routing rules of the taxonomy (one district-wide rule per category, from
its default handler) plus a few powers delegated to streets and communities (事权下放).
Idempotent: existing rules, which the command centre may have changed, are kept."""

from __future__ import annotations

from chalicelib.adapters.repository import Repository
from chalicelib.domain.routing import Rule, default_handler
from shared import catalogue

# Delegated powers in the demo district: Xintilu street's law-enforcement team handles street
# vendors and fly-posting itself; Beiyuan community handles its own property complaints.
DELEGATED = [
    Rule("street-vendor", "street:JN-S01", {"kind": "street"}),
    Rule("outdoor-ads", "street:JN-S01", {"kind": "street"}),
    Rule("property-service", "community:JN-S01-C01", {"kind": "community"}),
]
# Sign-for limits tighter than the priority's (minutes).
SIGN_MINUTES = {"gas": 10, "elevator": 15}


def default_rules() -> list[Rule]:
    return [
        Rule(c["code"], "*", default_handler(c["default_handler"]), SIGN_MINUTES.get(c["code"]))
        for c in catalogue.categories()
    ]


def load() -> str:
    repository = Repository()
    rules = default_rules() + DELEGATED
    added = sum(repository.put_rule(rule, only_if_new=True) for rule in rules)
    return f"{added} routing rules added, {len(rules) - added} kept ({len(rules)} in the defaults)"
