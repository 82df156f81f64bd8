"""PNGs of every page type at 390 and 1280 px, for a reviewer who does not run the site.

    make screenshots                              # into screenshots/ (ignored by git)
    .venv/bin/python bench/screenshots.py FOLDER

The demo site (bench/server.py: production settings, gunicorn) is photographed by
Playwright driving Debian's Chromium: the public pages, the demo member's pages signed in,
and a few admin pages signed in as the demo editor. Each PNG is the whole page, named
<who>-<page>-<width>.png; pages without an example in the demo content are listed."""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright
from server import CHROMIUM, EDITOR, MEMBER, REPO, demo_site

WIDTHS = {390: 844, 1280: 900}  # width: height of the window (a phone, a laptop)
# The height of an element that scrolls inside a page that does not, or 0.
INNER_SCROLL = """() => {
    const tallest = Math.max(...[...document.querySelectorAll("*")].map(e => e.scrollHeight));
    return tallest > document.documentElement.scrollHeight ? tallest : 0;
}"""
# Whether the page's nth map is drawn (Leaflet marks its container).
DRAWN = """n => {
    const map = document.querySelectorAll("[data-map]")[n];
    return map.classList.contains("leaflet-container") || map.querySelector(".leaflet-container");
}"""
ACCOUNTS = {"public": None, "member": MEMBER, "editor": EDITOR}


def photograph(page, file, width, height):
    """The whole page. Wagtail's admin scrolls an inner element, not the page: a window
    as tall as that element shows all of it."""
    inner = page.evaluate(INNER_SCROLL)
    if inner:
        page.set_viewport_size({"width": width, "height": inner})
    page.screenshot(path=file, full_page=True)
    if inner:
        page.set_viewport_size({"width": width, "height": height})


def show_maps(page):
    """Maps load Leaflet only when they come near the window, which a whole-page picture
    never does by itself: each is scrolled to and drawn before the picture is taken."""
    maps = page.locator("[data-map]")
    for number in range(maps.count()):
        maps.nth(number).scroll_into_view_if_needed()
        page.wait_for_function(DRAWN, arg=number, timeout=10000)
    page.evaluate("window.scrollTo(0, 0)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(REPO / "screenshots"))
    options = parser.parse_args()
    folder = Path(options.folder)
    folder.mkdir(parents=True, exist_ok=True)
    saved = 0
    with demo_site() as site, sync_playwright() as playwright:
        found = site.query("from bench.server import page_urls; page_urls()")
        for note in found["notes"]:
            print(note)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for who, account in ACCOUNTS.items():
            cookies = []
            if account:
                name, value = site.session_cookie(account)
                cookies = [{"name": name, "value": value, "url": site.url}]
            for width, height in WIDTHS.items():
                context = browser.new_context(
                    base_url=site.url,
                    viewport={"width": width, "height": height},
                    locale="fr-CA",
                )
                context.add_cookies(cookies)
                page = context.new_page()
                for name, path in found["pages"][who].items():
                    response = page.goto(path, wait_until="networkidle")
                    status = response.status if response else "?"
                    overflow = page.evaluate(
                        "document.documentElement.scrollWidth - window.innerWidth"
                    )
                    remark = f", {overflow} px wider than the window" if overflow > 0 else ""
                    show_maps(page)
                    file = folder / f"{who}-{name.replace(' ', '-').lower()}-{width}.png"
                    photograph(page, file, width, height)
                    if not page.url.startswith(site.url + path.split("?")[0]):
                        remark += f", ended at {page.url.removeprefix(site.url)}"
                    saved += 1
                    print(f"{file.name}: {path} ({status}{remark})", flush=True)
                context.close()
        browser.close()
    print(f"{saved} screenshots in {folder}")


if __name__ == "__main__":
    main()
