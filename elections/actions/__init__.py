"""Every step of an election: keyword-only, atomic, rules first, then the write and the logs.

Each step appends to the election's hash chain (chain.py) and to the organisation audit log,
in the same transaction, and locks the election row first so two steps never interleave.
"""

from .appointment import appointment_make
from .counting import (
    count_round,
    elected,
    round_close,
    round_sign_off,
    write_in_winners,
    write_ins_unmatched,
)
from .filing import filing_decide, founding_record, result_file, write_in_match
from .formation import (
    direct_entries_confirm,
    direct_entry_add,
    election_create,
    nomination_review,
    nomination_submit,
    nominations_close,
    nominations_reopen,
    objection_answer,
    objection_record,
    publicity_publish,
    representatives_set,
    review_close,
    seats_publish,
)
from .meeting import attendance, check_in, meeting_open, roll_add, roll_exclude, tellers_set
from .removal import removal_decide, removal_start
from .voting import (
    paper_correct,
    paper_enter,
    paper_issue,
    paper_mismatches,
    vote_cast,
    vote_code_issue,
)

__all__ = [
    "appointment_make",
    "attendance",
    "check_in",
    "count_round",
    "direct_entries_confirm",
    "direct_entry_add",
    "elected",
    "election_create",
    "filing_decide",
    "founding_record",
    "meeting_open",
    "nomination_review",
    "nomination_submit",
    "nominations_close",
    "nominations_reopen",
    "objection_answer",
    "objection_record",
    "paper_correct",
    "paper_enter",
    "paper_issue",
    "paper_mismatches",
    "publicity_publish",
    "removal_decide",
    "removal_start",
    "representatives_set",
    "result_file",
    "review_close",
    "roll_add",
    "roll_exclude",
    "round_close",
    "round_sign_off",
    "seats_publish",
    "tellers_set",
    "vote_cast",
    "vote_code_issue",
    "write_in_match",
    "write_in_winners",
    "write_ins_unmatched",
]
