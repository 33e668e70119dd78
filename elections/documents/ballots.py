"""选票: the paper ballots of one round, numbered 1..N so two tellers can enter them by number.

The ballot is laid out once and printed N times with its own number each
(dajiwei.pdf.numbered_copies): 500 ballots take about a second, not a minute.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from dajiwei.pdf import numbered_copies
from elections import selectors, strokes
from elections.models import Round
from elections.selectors import filing as filing_selectors

MAX_COPIES = 2000
BALLOTS_PER_PAGE = (1, 2)


def render_ballots(round_: Round, copies: int, per_page: int = 1) -> bytes:
    """`copies` ballots of the round, numbered 1..copies, candidates in stroke order (B9); a
    run-off lists the written-in names tied for the last seat with the nominees (B6)."""
    candidates = selectors.ballot_candidates(round_)
    return ballots_pdf(round_.election.committee, round_, candidates, copies, per_page)


def ballots_pdf(committee, round_: Round, candidates: list, copies: int, per_page: int) -> bytes:
    """The ballots from plain objects (no database needed; the benchmark calls this).

    `candidates` are Nominations or `selectors.WrittenIn`: anything with `nominee.name`.
    """
    if not 1 <= copies <= MAX_COPIES:
        raise ValueError(f"copies must be between 1 and {MAX_COPIES}")
    if per_page not in BALLOTS_PER_PAGE:
        raise ValueError(f"per_page must be one of {BALLOTS_PER_PAGE}")
    candidates = strokes.in_stroke_order(candidates, name=lambda n: n.nominee.name)
    # 另选他人: as many blank rows as seats (none in a run-off among the tied), beside the names.
    write_ins = 0 if round_.runoff else round_.seats
    height = max(len(candidates), write_ins)
    rows = [(candidates[i] if i < len(candidates) else None, i < write_ins) for i in range(height)]
    full, tail = divmod(copies, per_page)
    layouts = [per_page] * bool(full) + [tail] * bool(tail)  # a full page, then a short one
    html = render_to_string(
        "pdf/elections/ballots.html",
        {
            "community": filing_selectors.community_name(committee),
            "round": round_,
            "candidates": candidates,
            "rows": rows,
            "has_write_ins": write_ins > 0,
            "pages": [range(n) for n in layouts],
            "per_page": per_page,
        },
    )
    sheets = list(range(1, copies + 1))
    plan = [(0, sheets[i : i + per_page]) for i in range(0, full * per_page, per_page)]
    if tail:
        plan.append((len(layouts) - 1, sheets[full * per_page :]))
    return numbered_copies(html, plan)
