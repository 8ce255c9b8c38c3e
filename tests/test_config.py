import datetime as dt

import pytest

from assistant.config import ConfigError, default_database_url, load_settings


def test_defaults_run_on_an_embedded_sqlite_store_and_the_standard_ports():
    settings = load_settings({})
    assert settings.database_url == default_database_url()
    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith(".sqlite3")
    assert (settings.port, settings.actions_port) == (5005, 5055)
    assert settings.today() == dt.date.today()


def test_cin_today_fixes_the_date_for_demos_and_tests():
    settings = load_settings({"CIN_TODAY": "2026-11-23"})
    assert settings.today() == dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "env, named",
    [
        ({"CIN_TODAY": "23/11/2026"}, "CIN_TODAY"),
        ({"CIN_TODAY": "2026-02-31"}, "CIN_TODAY"),
        ({"CIN_PORT": "http"}, "CIN_PORT"),
        ({"CIN_ACTIONS_PORT": "70000"}, "CIN_ACTIONS_PORT"),
    ],
)
def test_a_bad_setting_is_refused_with_its_name(env, named):
    with pytest.raises(ConfigError, match=named):
        load_settings(env)


def test_database_url_and_ports_come_from_the_environment():
    settings = load_settings(
        {"CIN_DATABASE_URL": "postgresql://localhost/test", "CIN_PORT": "6005", "CIN_ACTIONS_PORT": "6055"}
    )
    assert settings.database_url == "postgresql://localhost/test"
    assert (settings.port, settings.actions_port) == (6005, 6055)
