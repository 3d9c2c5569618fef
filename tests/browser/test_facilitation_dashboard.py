"""A facilitator logs in, opens the cohort dashboard (heat map, needs-help list),
asks for the CSV export and downloads it. The page passes axe and fits 360 px."""

import csv
import io
import re

import pytest

from bench.cohorts import build_cohort

from .conftest import overflows_narrow_screen, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facilitator_opens_the_dashboard_and_downloads_the_csv(catalog, live_server, page):
    scenario = build_cohort(6, lessons=12)
    cohort, facilitator = scenario["cohort"], scenario["user"]
    dashboard = f"{live_server.url}/en/facilitate/cohorts/{cohort.pk}/"

    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/facilitate/cohorts/{cohort.pk}/")
    page.fill("input[name=username]", facilitator.email)
    page.fill("input[name=password]", "facilitate-2026")
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_url(dashboard)

    grid = page.locator("table.heatmap")
    assert grid.locator("tbody tr").count() == 6
    row = grid.locator("tbody tr", has_text="Learner 0003")
    assert row.locator("td.heat").nth(1).inner_text().startswith("27%")  # 3 of 11 steps
    assert "✗ 40" in row.inner_text()  # failed twice: the best grade, as text
    def background(band):
        return grid.locator(f"td.heat-{band}").first.evaluate(
            "c => getComputedStyle(c).backgroundColor")

    assert background(0) != background(2)  # colour bands, on top of the text
    help_list = page.locator(".help-list")
    assert "Learner 0000" in help_list.inner_text() and "Learner 0004" in help_list.inner_text()
    problems = [f"dashboard: {v}" for v in serious_accessibility_violations(page)]
    if overflows_narrow_screen(page):
        problems.append("dashboard: scrolls sideways at 360 px")
    assert problems == [], "\n".join(problems)

    page.select_option("select[name=file_format]", "csv")
    page.click("form[action$='/exports/'] button[type=submit]")
    page.wait_for_url(re.compile(r"/en/facilitate/exports/[0-9a-f-]+/$"))
    page.wait_for_selector("text=Ready: 6 learners.")
    assert serious_accessibility_violations(page) == []
    with page.expect_download() as download_info:
        page.click("a[href$='/download/']")
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    content = open(download.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:2] == ["learner", "email"] and len(rows) == 7
    third = next(r for r in rows if r[0] == "Learner 0003")
    assert third[rows[0].index("Module check (grade)")] == "40.0"
