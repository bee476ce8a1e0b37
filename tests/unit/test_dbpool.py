"""The connection limits as settings, the failure kinds and their public texts (no server needed)."""

from __future__ import annotations

import pytest

from planning.dbpool import DbLimits, kind_of_connect_error
from planning.errors import (
    DATABASE_UNAVAILABLE_TEXT,
    DatabaseUnavailable,
    DataSourceError,
    PlanningError,
)
from planning.settings import settings_from_env


def test_the_pool_limits_come_from_the_settings():
    env = {"HUAIYIN_DB_POOL_SIZE": "4", "HUAIYIN_DB_POOL_TIMEOUT": "7", "HUAIYIN_DB_CONNECT_TIMEOUT": "2",
           "HUAIYIN_DB_STATEMENT_TIMEOUT": "90", "HUAIYIN_DB_LOCK_TIMEOUT": "20"}
    limits = DbLimits.from_settings(settings_from_env(env))
    assert (limits.pool_size, limits.pool_timeout, limits.connect_timeout) == (4, 7, 2)
    assert (limits.statement_timeout, limits.lock_timeout) == (90, 20)
    options = limits.connect_kwargs("huaiyin", "app")["options"]
    assert "statement_timeout=90000" in options and "lock_timeout=20000" in options
    assert limits.connect_kwargs("huaiyin", "app")["keepalives"] == 1


@pytest.mark.parametrize("name", ["HUAIYIN_DB_POOL_SIZE", "HUAIYIN_DB_POOL_TIMEOUT", "HUAIYIN_DB_CONNECT_TIMEOUT"])
def test_a_bad_value_names_the_variable(name):
    with pytest.raises(PlanningError, match=name):
        settings_from_env({name: "abc"})


def test_a_lock_timeout_not_shorter_than_the_statement_timeout_is_refused():
    with pytest.raises(DataSourceError, match="HUAIYIN_DB_LOCK_TIMEOUT"):
        DbLimits(statement_timeout=30, lock_timeout=30)


@pytest.mark.parametrize(("text", "kind"), [
    ('connection to server at "10.0.0.5", port 5432 failed: FATAL:  sorry, too many clients already', "full"),
    ("FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute", "full"),
    ('connection to server at "10.0.0.5", port 5432 failed: timeout expired', "not_responding"),
    ('connection to server at "10.0.0.5", port 5432 failed: Connection refused', "unreachable"),
])
def test_a_login_error_is_classified(text, kind):
    assert kind_of_connect_error(RuntimeError(text)) == kind


@pytest.mark.parametrize("kind", sorted(DATABASE_UNAVAILABLE_TEXT))
def test_each_kind_has_its_own_public_text_in_both_languages(kind):
    exc = DatabaseUnavailable(kind, 'reading: connection to server at "db.internal", port 6543 failed (user huaiyin)')
    assert exc.message("zh") != exc.message("en")
    for text in (exc.message("zh"), exc.message("en"), str(exc)):
        assert "db.internal" not in text and "6543" not in text and "huaiyin" not in text
    assert "db.internal" in exc.detail
    others = [DatabaseUnavailable(k).message("en") for k in DATABASE_UNAVAILABLE_TEXT if k != kind]
    assert exc.message("en") not in others
