"""The five import names are generic and exist on PyPI under other owners."""

import importlib.metadata

import pytest

PACKAGES = ["crawler", "differ", "store", "notifier", "scheduler"]


@pytest.mark.parametrize("name", PACKAGES)
def test_no_other_installed_distribution_claims_our_import_name(name):
    owners = set(importlib.metadata.packages_distributions().get(name, []))
    assert owners <= {"policywatch"}, f"{name} is also installed by {owners - {'policywatch'}}"


def test_the_policywatch_command_is_installed():
    (entry,) = [e for e in importlib.metadata.entry_points(group="console_scripts") if e.name == "policywatch"]
    assert entry.value == "scheduler.cli:main"


def test_the_demo_pages_ship_inside_the_package():
    from importlib import resources

    names = {p.name for p in resources.files("scheduler").joinpath("samples").iterdir()}
    assert {"miui-privacy-2017.html", "miui-privacy-2018.html"} <= names
