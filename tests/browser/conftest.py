"""Browser tests: Playwright driving Debian's chromium against the live test server.

Never downloads a browser. Without /usr/bin/chromium they are skipped on a developer's machine
and fail in CI (where CI=true), since CI must run them.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
AXE_SCRIPT = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is required in CI (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    context = browser.new_context(base_url=live_server.url, locale="fr-CA")
    page = context.new_page()
    page.csp_violations = []
    page.console_errors = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else page.console_errors.append(message.text)
            if message.type == "error"
            else None
        ),
    )
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) in the page; return the violations."""
    script = AXE_SCRIPT.read_text()

    def check(page):
        # The page's CSP forbids inline scripts; evaluate() is not subject to it.
        page.evaluate(script)
        result = page.evaluate(
            """async () => await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
            })"""
        )
        assert len(result["passes"]) > 10  # axe really ran over the page
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}) {v['nodes'][0]['target']}"
            for v in result["violations"]
        ]

    return check


@pytest.fixture
def staff_groups(transactional_db):
    """The Editor and Publisher groups, as the migration that creates them makes them: a
    transactional test before this one flushed the database, groups included."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migration = import_module("partners.migrations.0002_staff_groups")
    state = MigrationExecutor(connection).loader.project_state(("partners", "0002_staff_groups"))
    migration.create_groups(state.apps, None)
