"""The demo world's events written the way event loaders write them.

    python -m pql_scoring.shapes --raw data/raw segment amplitude mixpanel

reads ``<raw>/events.parquet`` (the generic contract) and writes ``<raw>/<source>/<table>.parquet``:

- segment:   ``tracks`` as in Segment's / RudderStack's warehouse schema (id, anonymous_id, user_id,
             event, event_text, timestamp as text with an offset, original_timestamp, sent_at,
             received_at, context_library_name) and ``identifies`` (id, anonymous_id, user_id,
             timestamp, received_at) and ``groups`` (id, user_id, group_id, timestamp, received_at)
- amplitude: ``event`` as in Amplitude's export loaded by Fivetran (id, event_type, user_id, device_id,
             amplitude_id, event_time text, client_event_time, server_upload_time, event_properties,
             user_properties, groups as JSON text, _insert_id (empty on every third event, as Fivetran
             can deliver it), session_id)
- posthog:   ``events`` as a PostHog batch export's events model (uuid, event, distinct_id, timestamp
             text with an offset, properties JSON text with $groups or $group_0, person_id,
             created_at; no $is_identified), ``persons`` as its persons model (one row per distinct id:
             team_id, distinct_id, person_id, properties, person_distinct_id_version, person_version,
             is_deleted) and ``person_distinct_ids`` (distinct_id, person_id) as the data warehouse has it
- mixpanel:  ``events`` as Mixpanel's raw export (event, properties JSON text with time in epoch
             seconds, distinct_id, $insert_id, $user_id and $device_id) and ``identity_mappings``
             (distinct_id, resolved_distinct_id)

Each shape carries exactly the information of the generic events (dirty rows included), so a world
gives the same scores whichever shape the pipeline reads.
"""

from __future__ import annotations

import argparse
import json
import zlib
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

SHAPES = ("segment", "amplitude", "posthog", "mixpanel")


def _iso(ts: pa.Array, fmt: str) -> pa.Array:
    return pc.strftime(ts, format=fmt)


def segment_tracks(events: pa.Table) -> pa.Table:
    ts = events["occurred_at"]
    return pa.table(
        {
            "id": events["event_id"],
            "anonymous_id": events["anonymous_id"],
            "user_id": events["user_id"],
            "event": events["event_name"],
            "event_text": events["event_name"],
            # Segment's corrected event time, text with an offset as some warehouses hand it over
            "timestamp": pc.binary_join_element_wise(_iso(ts, "%Y-%m-%dT%H:%M:%S"), pa.scalar("+00:00"), ""),
            "original_timestamp": pc.binary_join_element_wise(_iso(ts, "%Y-%m-%dT%H:%M:%S"), pa.scalar("+00:00"), ""),
            "sent_at": ts,
            "received_at": ts,
            "context_library_name": pa.array(["analytics.js"] * len(events), type=pa.string()),
        }
    )


def _identifications(events: pa.Table) -> pa.Table:
    """Rows that carry both a user id and an anonymous id: the moments identities were linked."""
    both = pc.and_(pc.is_valid(events["user_id"]), pc.is_valid(events["anonymous_id"]))
    return events.filter(both)


def segment_identifies(events: pa.Table) -> pa.Table:
    ident = _identifications(events)
    ts = ident["occurred_at"]
    return pa.table(
        {
            "id": pc.binary_join_element_wise(ident["event_id"], pa.scalar("-identify"), ""),
            "anonymous_id": ident["anonymous_id"],
            "user_id": ident["user_id"],
            "timestamp": pc.binary_join_element_wise(_iso(ts, "%Y-%m-%dT%H:%M:%S"), pa.scalar("+00:00"), ""),
            "received_at": ts,
        }
    )


def segment_groups(events: pa.Table) -> pa.Table:
    """One group call per user and account the events name (Segment's group(accountId) call)."""
    rows = events.filter(pc.and_(pc.is_valid(events["user_id"]), pc.is_valid(events["account_id"])))
    first = rows.group_by(["user_id", "account_id"]).aggregate([("occurred_at", "min"), ("event_id", "min")])
    ts = first["occurred_at_min"]
    return pa.table(
        {
            "id": pc.binary_join_element_wise(first["event_id_min"], pa.scalar("-group"), ""),
            "user_id": first["user_id"],
            "group_id": first["account_id"],
            "timestamp": pc.binary_join_element_wise(_iso(ts, "%Y-%m-%dT%H:%M:%S"), pa.scalar("+00:00"), ""),
            "received_at": ts,
        }
    )


def _person_of(events: pa.Table) -> dict:
    """PostHog's person per distinct id: a user's own id and every anonymous id first seen with that user
    belong to the user's person; other anonymous ids have an anonymous person of their own."""
    person = {}
    for u, a in zip(events["user_id"].to_pylist(), events["anonymous_id"].to_pylist(), strict=True):
        if u is not None:
            person.setdefault(u, f"person_{u}")
            if a is not None:
                person.setdefault(a, f"person_{u}")
    for a in events["anonymous_id"].to_pylist():
        if a is not None:
            person.setdefault(a, f"person_anon_{a}")
    return person


def posthog_persons(events: pa.Table) -> pa.Table:
    """The persons model of a PostHog batch export: one row per distinct id and its person."""
    person = _person_of(events)
    n = len(person)
    return pa.table(
        {
            "team_id": pa.array([1] * n, type=pa.int64()),
            "distinct_id": pa.array(list(person), type=pa.string()),
            "person_id": pa.array(list(person.values()), type=pa.string()),
            "properties": pa.array(["{}"] * n, type=pa.string()),
            "person_distinct_id_version": pa.array([0] * n, type=pa.int64()),
            "person_version": pa.array([1] * n, type=pa.int64()),
            "is_deleted": pa.array([False] * n),
        }
    )


def mixpanel_identity_mappings(events: pa.Table) -> pa.Table:
    ident = _identifications(events)
    return pa.table({"distinct_id": ident["anonymous_id"], "resolved_distinct_id": ident["user_id"]})


def amplitude_event(events: pa.Table) -> pa.Table:
    ts = events["occurred_at"]
    user = events["user_id"].to_pylist()
    account = events["account_id"].to_pylist()
    groups = [json.dumps({"company": [a]}) if a else "{}" for a in account]
    n = len(events)
    return pa.table(
        {
            "event_type": events["event_name"],
            "user_id": events["user_id"],
            "device_id": events["anonymous_id"],
            # Amplitude's own id of the user or device: the same for every event of one of them
            "amplitude_id": pa.array(
                [
                    None if k is None else 1_000_000 + zlib.crc32(k.encode()) % 100_000
                    for k in pc.coalesce(events["user_id"], events["anonymous_id"]).to_pylist()
                ],
                type=pa.int64(),
            ),
            "event_time": _iso(ts, "%Y-%m-%d %H:%M:%S"),
            "client_event_time": _iso(ts, "%Y-%m-%d %H:%M:%S"),
            "server_upload_time": _iso(ts, "%Y-%m-%d %H:%M:%S"),
            "event_properties": pc.fill_null(events["properties"], "{}"),
            "user_properties": pa.array(["{}" if u else None for u in user], type=pa.string()),
            "groups": pa.array(groups, type=pa.string()),
            "id": events["event_id"],
            # Fivetran can deliver _insert_id empty: every third event has none (its id falls back)
            "_insert_id": pa.array(
                [e if e is None or zlib.crc32(e.encode()) % 3 else None for e in events["event_id"].to_pylist()],
                type=pa.string(),
            ),
            "session_id": pa.array(np.full(n, -1, dtype="int64")),
        }
    )


def posthog_events(events: pa.Table) -> pa.Table:
    """PostHog's events model: each event under the distinct id it was sent with (the user id once
    identified) and its person; no $is_identified (server-side libraries do not send it)."""
    person = _person_of(events)
    account = events["account_id"].to_pylist()
    distinct, props = [], []
    for u, a, acc in zip(events["user_id"].to_pylist(), events["anonymous_id"].to_pylist(), account, strict=True):
        p = {}
        if acc is not None:  # both ways PostHog sends groups: by type, and by index
            if len(props) % 2:
                p["$groups"] = {"company": acc}
            else:
                p["$group_0"] = acc
        distinct.append(u if u is not None else a)
        props.append(json.dumps(p))
    ts = events["occurred_at"]
    return pa.table(
        {
            "uuid": events["event_id"],
            "event": events["event_name"],
            "distinct_id": pa.array(distinct, type=pa.string()),
            "timestamp": pc.binary_join_element_wise(_iso(ts, "%Y-%m-%d %H:%M:%S"), pa.scalar("+00:00"), ""),
            "properties": pa.array(props, type=pa.string()),
            "person_id": pa.array([person.get(d) for d in distinct], type=pa.string()),
            "created_at": ts,
        }
    )


def posthog_person_distinct_ids(events: pa.Table) -> pa.Table:
    person = _person_of(events)
    return pa.table(
        {
            "distinct_id": pa.array(list(person), type=pa.string()),
            "person_id": pa.array(list(person.values()), type=pa.string()),
        }
    )


def mixpanel_events(events: pa.Table) -> pa.Table:
    """Mixpanel's raw export as a warehouse holds it: the event name and its properties, which carry
    time (epoch seconds), distinct_id, $insert_id and, with simplified ID merge, $user_id and $device_id."""
    props = []
    epoch = pc.divide(events["occurred_at"].cast(pa.int64()), 1_000_000).to_pylist()
    for e, u, a, t in zip(
        events["event_id"].to_pylist(),
        events["user_id"].to_pylist(),
        events["anonymous_id"].to_pylist(),
        epoch,
        strict=True,
    ):
        p = {
            "time": t,
            "distinct_id": u if u is not None else (f"$device:{a}" if a is not None else None),
            "$insert_id": e,
        }
        if u is not None:
            p["$user_id"] = u
        if a is not None:
            p["$device_id"] = a
        props.append(json.dumps({k: v for k, v in p.items() if v is not None}))
    return pa.table({"event": events["event_name"], "properties": pa.array(props, type=pa.string())})


WRITERS = {
    "segment": [("tracks", segment_tracks), ("identifies", segment_identifies), ("groups", segment_groups)],
    "amplitude": [("event", amplitude_event)],
    "posthog": [
        ("events", posthog_events),
        ("person_distinct_ids", posthog_person_distinct_ids),
        ("persons", posthog_persons),
    ],
    "mixpanel": [("events", mixpanel_events), ("identity_mappings", mixpanel_identity_mappings)],
}


def write_shapes(raw: Path, sources=SHAPES) -> None:
    events = pq.read_table(raw / "events.parquet")
    for source in sources:
        (raw / source).mkdir(parents=True, exist_ok=True)
        for table_name, writer in WRITERS[source]:
            pq.write_table(writer(events), raw / source / f"{table_name}.parquet")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pql_scoring.shapes", description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", type=Path, default=Path("data/raw"))
    parser.add_argument("sources", nargs="*", help=f"any of {', '.join(SHAPES)} (default: all)")
    args = parser.parse_args(argv)
    unknown = set(args.sources) - set(SHAPES)
    if unknown:
        parser.error(f"unknown source(s) {', '.join(sorted(unknown))}; choose from {', '.join(SHAPES)}")
    write_shapes(args.raw, args.sources or SHAPES)
    print(f"wrote {', '.join(args.sources or SHAPES)} shapes under {args.raw}")


if __name__ == "__main__":
    main()
