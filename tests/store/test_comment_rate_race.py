"""The per-session comment limit holds when posts race: 4 processes × 3 posts with one session key store exactly 3.

Each process opens its own store object (as a replica would) on the same
SQLite file or PostgreSQL schema, waits at a barrier, then posts three
comments with the same session key (distinct tokens, no client limit in the
way). The limit is 3 per 10 minutes, so exactly 3 of the 12 may be stored,
whatever the interleaving; the others are refused with ``rate_session``.
"""

from __future__ import annotations

import multiprocessing
import uuid
from pathlib import Path

import pytest

from planning.comments import CommentError, RateLimit, RateLimits, SqliteCommentStore, validate_comment
from planning.postgis_comments import PostgresCommentStore

PROCESSES, POSTS, LIMIT = 4, 3, 3
TRIALS = 3
LIMITS = RateLimits(RateLimit(LIMIT, 600), RateLimit(10**6, 600))


def _open(kind: str, where: str, schema: str) -> SqliteCommentStore | PostgresCommentStore:
    return SqliteCommentStore(Path(where)) if kind == "sqlite" else PostgresCommentStore(where, schema=schema)


def _poster(kind: str, where: str, schema: str, worker: int, barrier, results) -> None:  # noqa: ANN001 - mp objects
    store = _open(kind, where, schema)
    outcome = []
    barrier.wait()
    for post in range(POSTS):
        draft = validate_comment("建议", f"进程 {worker} 第 {post} 条", zone_ids={"axis-cbd"}, zone_id="axis-cbd")
        try:
            store.add(draft, session_key="one-visitor", client_key=f"client-{worker}", limits=LIMITS)
            outcome.append("stored")
        except CommentError as exc:
            outcome.append(exc.code)
    results.put(outcome)


@pytest.mark.parametrize("kind", ["sqlite", "postgis"])
def test_racing_posts_of_one_session_store_exactly_the_limit(kind, tmp_path, request):
    ctx = multiprocessing.get_context("spawn")  # fresh interpreters: no connection or lock inherited
    for trial in range(TRIALS):
        schema = f"race_{uuid.uuid4().hex[:10]}"
        where = str(tmp_path / f"comments-{trial}.sqlite3") if kind == "sqlite" else request.getfixturevalue("pg_url")
        store = _open(kind, where, schema)
        store.list()  # create the schema before the race
        barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
        workers = [ctx.Process(target=_poster, args=(kind, where, schema, i, barrier, results))
                   for i in range(PROCESSES)]
        for worker in workers:
            worker.start()
        outcomes = [results.get(timeout=300) for _ in workers]
        for worker in workers:
            worker.join(60)
            assert worker.exitcode == 0
        flat = [o for outcome in outcomes for o in outcome]
        assert flat.count("stored") == LIMIT, (trial, outcomes)
        assert set(flat) == {"stored", "rate_session"}, outcomes
        assert len(store.list()) == LIMIT, trial
