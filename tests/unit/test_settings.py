"""Settings are declared once: every field has one variable, a parser and help; a bad value names its variable."""

from __future__ import annotations

import dataclasses

import pytest

from planning.cli import main
from planning.errors import PlanningError
from planning.settings import SETTINGS, Settings, settings_from_env, settings_table

WHOLE = [s.variable for s in SETTINGS if s.field in {
    f.name for f in dataclasses.fields(Settings) if isinstance(f.default, int) and not isinstance(f.default, bool)}]


def test_every_field_is_declared_once_with_help():
    fields = [s.field for s in SETTINGS]
    assert sorted(fields) == sorted(f.name for f in dataclasses.fields(Settings))
    assert len({s.variable for s in SETTINGS}) == len(SETTINGS)
    assert all(s.help and s.variable.isupper() for s in SETTINGS)


def test_nothing_set_gives_the_declared_defaults():
    assert settings_from_env({}) == Settings()
    assert settings_from_env({"HUAIYIN_STALE_DAYS": "  "}) == Settings()


@pytest.mark.parametrize("variable", WHOLE)
def test_a_bad_number_names_the_variable_and_the_value(variable):
    with pytest.raises(PlanningError, match=rf"{variable}='abc': expected a whole number of at least \d+ \(default "):
        settings_from_env({variable: "abc"})


@pytest.mark.parametrize(("variable", "value", "expected"), [
    ("HUAIYIN_LANG", "fr", "expected one of zh, en"),
    ("HUAIYIN_KIOSK", "maybe", "expected 1 or 0"),
    ("HUAIYIN_COMMENTS_PER_SESSION", "3 per hour", "expected COUNT/SECONDS"),
    ("HUAIYIN_PUBLIC_URL", "plan.example.cn", "expected an http:// or https:// address"),
])
def test_a_bad_value_names_the_variable(variable, value, expected):
    with pytest.raises(PlanningError, match=f"{variable}='{value}': {expected}"):
        settings_from_env({variable: value})


def test_a_secret_is_never_shown():
    secret = "postgresql://huaiyin:s3cret-pw@db.internal:5432/huaiyin"
    rows = {r[0]: r for r in settings_table(settings_from_env({"HUAIYIN_DATABASE_URL": secret}))}
    assert rows["HUAIYIN_DATABASE_URL"][2] == "set (not shown)"
    with pytest.raises(PlanningError) as info:
        settings_from_env({"HUAIYIN_DATABASE_URL": "mysql://root:s3cret-pw@db"})
    assert "s3cret" not in str(info.value) and "HUAIYIN_DATABASE_URL" in str(info.value)


def test_the_cli_prints_every_setting_and_reports_a_bad_value(capsys, monkeypatch):
    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    assert all(s.variable in out for s in SETTINGS)
    monkeypatch.setenv("HUAIYIN_STALE_DAYS", "abc")
    assert main(["settings"]) == 2
    assert "HUAIYIN_STALE_DAYS='abc': expected a whole number" in capsys.readouterr().err
