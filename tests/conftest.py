"""Shared fixtures: one Chromium per test session, sites served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.browser_thread import BrowserThread
from support.postgres import PostgresCluster, find_bin_dir, unavailable_reason
from support.routes import routes_from_file

from tester.config import Settings, load_settings
from tester.demo import DEMO_ROOT, SiteServer
from tester.history import History, database_url, open_history

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def test_settings() -> Settings:
    # Short timeouts keep hostile-page tests fast; values from playwright.config.toml otherwise.
    return load_settings().with_overrides(
        navigation_timeout_ms=8_000, action_timeout_ms=3_000, page_budget_s=60, task_budget_s=60
    )


@pytest.fixture(scope="session")
def browser_thread(test_settings: Settings) -> Iterator[BrowserThread]:
    with BrowserThread(test_settings, loopback_only=True) as thread:
        yield thread


@pytest.fixture(scope="session")
def demo_site() -> Iterator[SiteServer]:
    with SiteServer(DEMO_ROOT) as server:
        yield server


@pytest.fixture(scope="session")
def serve_fixture() -> Iterator[Callable[..., SiteServer]]:
    """serve_fixture("name") serves tests/fixtures/name/ for the rest of the session."""
    servers: dict[str, SiteServer] = {}

    def serve(name: str, routes: dict | None = None) -> SiteServer:
        if name not in servers:
            servers[name] = SiteServer(FIXTURES / name, routes=routes_from_file(FIXTURES / name))
            servers[name].start()
        servers[name].routes.update(routes or {})  # routes are read per request
        return servers[name]

    yield serve
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A throwaway PostgreSQL server on 127.0.0.1 for the session (tests/support/postgres.py)."""
    reason, bin_dir = unavailable_reason(), find_bin_dir()
    if reason or bin_dir is None:
        pytest.skip(reason or "no PostgreSQL binaries")
    cluster = PostgresCluster(bin_dir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def history(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[History]:
    """An empty, migrated history database, once on SQLite and once on PostgreSQL (a test
    module may define its own `history` instead)."""
    if request.param == "sqlite":
        url = database_url("", tmp_path)
    else:
        url = request.getfixturevalue("postgres_cluster").new_database()
    opened = open_history(url, upgrade=True)
    yield opened
    opened.close()
