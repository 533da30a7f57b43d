"""The API's reference page: Swagger UI served from the site under its CSP, from which a
developer reads an operation and runs it against the live API."""

from pathlib import Path

import pytest

from agreements.models import Agreement

SHOTS = Path("/tmp/shots/h4")
SLUG = "protocole-technologies-medicales-2017"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_developer_runs_an_operation_from_the_reference_page(page, live_server, language):
    SHOTS.mkdir(parents=True, exist_ok=True)
    if language == "en":  # a browser that prefers English
        context = page.context.browser.new_context(base_url=live_server.url, locale="en-CA")
        english = context.new_page()
        english.csp_violations, english.console_errors = page.csp_violations, page.console_errors
        english.on(
            "console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None
        )
        page = english
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/api/v1/docs/")
    title = {
        "fr": "Référence de l'API · Relations internationales",
        "en": "API reference · International Relations",
    }[language]
    assert page.title() == title
    assert page.locator("html").get_attribute("lang") == language
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert [p.replace("\u200b", "") for p in paths] == [
        "/api/v1/",
        "/api/v1/agreements/",
        "/api/v1/agreements/{slug}/",
        "/api/v1/missions/",
        "/api/v1/missions/{slug}/",
        "/api/v1/partners/",
        "/api/v1/partners/{slug}/",
        "/api/v1/sectors/",
        "/api/v1/sectors/{slug}/",
        "/api/v1/trade/",
        "/api/v1/trade/products/",
    ]
    page.screenshot(path=str(SHOTS / f"docs-{language}-1280.png"), full_page=False)
    operation = page.locator(
        ".opblock", has=page.locator('[data-path="/api/v1/agreements/{slug}/"]')
    )
    operation.locator(".opblock-summary").click()
    operation.locator(".try-out__btn").click()
    operation.locator('input[placeholder="slug"]').fill(SLUG)
    operation.locator(".execute").click()
    body = operation.locator(".responses-wrapper .live-responses-table .highlight-code")
    body.wait_for()
    agreement = Agreement.objects.get(slug_fr=SLUG)
    assert agreement.title_fr in body.inner_text()
    assert agreement.title_en in body.inner_text()
    status = operation.locator(".live-responses-table tbody .response-col_status").first
    assert status.inner_text().strip() == "200"
    page.screenshot(path=str(SHOTS / f"docs-{language}-1280-run.png"), full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"docs-{language}-390.png"), full_page=False)
    assert page.csp_violations == []
    assert page.console_errors == []
