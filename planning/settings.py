"""Settings, read once from the environment into a frozen object (no mutable globals).

| variable | default | meaning |
|---|---|---|
| ``HUAIYIN_DATA_DIR`` | ``geodata`` next to the code | folder of the plan's layers and targets |
| ``HUAIYIN_BASEMAP`` | ``none`` | default basemap: ``none`` (no tiles, offline), ``osm``, ``gaode``, ``tianditu`` |
| ``HUAIYIN_LANG`` | ``zh`` | default language: ``zh`` or ``en`` |
| ``TIANDITU_KEY`` | unset | personal 天地图 key (``tk``); the 天地图 basemap is offered only when set |
| ``HUAIYIN_STALE_DAYS`` | ``180`` | a project status older than this is flagged as not updated |
| ``HUAIYIN_ACCOUNTS_FILE`` | ``data/accounts.json`` next to the code | planner accounts (created with ``python -m planning account add``) |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    default_basemap: str = "none"
    default_lang: str = "zh"
    tianditu_key: str | None = None
    stale_days: int = 180
    accounts_file: Path = PACKAGE_ROOT / "data" / "accounts.json"


def settings_from_env(environ: dict[str, str] | None = None) -> Settings:
    """Settings from environment variables (``os.environ`` by default)."""
    env = os.environ if environ is None else environ
    lang = env.get("HUAIYIN_LANG", "zh")
    return Settings(
        data_dir=Path(env.get("HUAIYIN_DATA_DIR") or PACKAGE_ROOT / "geodata"),
        default_basemap=env.get("HUAIYIN_BASEMAP", "none"),
        default_lang=lang if lang in LANGS else "zh",
        tianditu_key=env.get("TIANDITU_KEY") or None,
        stale_days=int(env.get("HUAIYIN_STALE_DAYS", "180")),
        accounts_file=Path(env.get("HUAIYIN_ACCOUNTS_FILE") or PACKAGE_ROOT / "data" / "accounts.json"),
    )
