"""The election's hash-chained event log: any change is caught at the event it touched."""

import hashlib

import pytest

from elections.chain import GENESIS, canonical, next_hash, verify


def build(payloads):
    events, prev = [], GENESIS
    for payload in payloads:
        this = next_hash(prev, payload)
        events.append((payload, prev, this))
        prev = this
    return events


PAYLOADS = [
    {"step": "seats_published", "seats": {"parttime_deputy": 2, "member": 6}},
    {"step": "nomination", "nominee": 17, "route": "joint", "signers": 5},
    {"step": "review", "nominee": 17, "accepted": True, "reason": "符合条件"},
    {"step": "tally", "votes": [[17, 41], ["write-in:张三", 2]], "elected": [17]},
]


def test_an_untouched_chain_verifies():
    events = build(PAYLOADS)
    assert verify(events) is None
    assert verify(events, head=events[-1][2]) is None
    assert verify([]) is None


def test_the_hash_is_sha256_of_the_previous_hash_and_canonical_json():
    payload = {"b": 1, "a": "张三"}
    expected = hashlib.sha256((GENESIS + '{"a":"张三","b":1}').encode()).hexdigest()
    assert next_hash(GENESIS, payload) == expected
    assert canonical({"b": 1, "a": "张三"}) == canonical({"a": "张三", "b": 1})


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_tampering_with_any_payload_is_caught_at_its_index(index):
    events = build(PAYLOADS)
    payload, prev, this = events[index]
    events[index] = ({**payload, "forged": True}, prev, this)
    assert verify(events) == index


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_a_payload_rehashed_after_tampering_breaks_the_next_link(index):
    events = build(PAYLOADS)
    payload, prev, _this = events[index]
    forged = {**payload, "forged": True}
    events[index] = (forged, prev, next_hash(prev, forged))
    assert verify(events) == (index + 1 if index + 1 < len(events) else None)
    assert verify(events, head=build(PAYLOADS)[-1][2]) == min(index + 1, len(events))


def test_a_removed_event_is_caught_where_it_was():
    events = build(PAYLOADS)
    del events[1]
    assert verify(events) == 1


def test_swapped_events_are_caught():
    events = build(PAYLOADS)
    events[1], events[2] = events[2], events[1]
    assert verify(events) == 1


def test_events_cut_off_the_end_are_caught_by_the_printed_head():
    events = build(PAYLOADS)
    head = events[-1][2]
    assert verify(events[:-1]) is None
    assert verify(events[:-1], head=head) == len(PAYLOADS) - 1


def test_the_first_event_must_follow_genesis():
    events = build(PAYLOADS)[1:]
    assert verify(events) == 0


def test_a_malformed_stored_hash_is_a_broken_link_not_a_crash():
    events = build(PAYLOADS)
    payload, _prev, this = events[0]
    events[0] = (payload, "not a hash", this)
    assert verify(events) == 0


def test_only_json_values_can_be_hashed():
    with pytest.raises((TypeError, ValueError)):
        next_hash(GENESIS, {"amount": float("nan")})
    with pytest.raises(ValueError):
        next_hash("abc", {})
