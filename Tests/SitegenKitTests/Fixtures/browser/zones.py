"""The page view's scan and zones in headless Chromium, run by MediaBrowserTests.swift.

usage: zones.py SITE_URL PAGE_PATH ARTICLE_PATH ISSUE_PATH [SCREENSHOT_DIR]
At 390 px and 1366 px: the scan fits the width and its zone overlay covers it exactly; hovering
a 标题导航 title lights its zones and focusing a zone (Tab) lights its title; Enter on a focused
zone and a click on a zone both land on the article; axe-core finds no violation on the page
view, the issue view and the article. With SCREENSHOT_DIR, saves page-scan-390.png and
page-scan-1366.png there. Prints one line per problem and exits 1 if there was any.
"""
import pathlib
import sys
import time

from axe_check import axe_problems
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

base, page, article, issue = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
shots = pathlib.Path(sys.argv[5]) if len(sys.argv) > 5 else None
problems = []


def check(ok, message):
    if not ok:
        problems.append(message)


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN",
             "--hide-scrollbars", "--force-device-scale-factor=1"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)


def rect(element):
    return driver.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height];", element)


def active_classes(selector):
    return driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll(arguments[0]), function (e) { return e.classList.contains('active'); });",
        selector)


try:
    for width in (390, 1366):
        driver.set_window_size(width, 900)
        driver.get(base + page)
        image = driver.find_element(By.CSS_SELECTOR, ".scan-frame img")
        overlay = driver.find_element(By.CSS_SELECTOR, ".scan-frame svg.zones")
        viewport = driver.execute_script("return document.documentElement.clientWidth")
        box, cover = rect(image), rect(overlay)
        check(box[0] >= 0 and box[0] + box[2] <= viewport + 0.5, f"{width}px: the scan overflows the page ({box} in {viewport})")
        check(all(abs(a - b) < 1 for a, b in zip(box, cover)), f"{width}px: the zone overlay {cover} does not cover the scan {box}")
        zones = driver.find_elements(By.CSS_SELECTOR, ".zones a.zone")
        check(len(zones) == 2, f"{width}px: {len(zones)} zones, expected 2")
        # Hovering the title in the 标题导航 lights its two zones.
        title = driver.find_element(By.CSS_SELECTOR, ".title-nav a[href$='05.html']")
        ActionChains(driver).move_to_element(title).perform()
        check(active_classes(".zones a.zone") == [True, True], f"{width}px: hovering the title did not light its zones")
        # Tab reaches the zones; a focused zone lights its title.
        driver.find_element(By.TAG_NAME, "body").click()
        reached = False
        for _ in range(60):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            if driver.execute_script("return document.activeElement.classList.contains('zone')"):
                reached = True
                break
        check(reached, f"{width}px: Tab never reaches a zone")
        if reached:
            check(driver.execute_script("return document.querySelector(\".title-nav a[href$='05.html']\").classList.contains('active')"),
                  f"{width}px: a focused zone does not light its title")
            name = driver.execute_script("return document.activeElement.querySelector('title').textContent")
            check(name == "党建引领聚合力 打赢脱贫攻坚战", f"{width}px: the focused zone is titled {name!r}")
            ActionChains(driver).send_keys(Keys.ENTER).perform()
            time.sleep(0.5)
            check(driver.current_url.endswith(article), f"{width}px: Enter on a zone went to {driver.current_url}")
        if shots and width:
            driver.get(base + page)
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(height, 4000))
            driver.save_screenshot(str(shots / f"page-scan-{width}.png"))
            driver.set_window_size(width, 900)
        # A click on the zone's polygon (its middle, on the scan) opens the article.
        driver.get(base + page)
        polygon = driver.find_elements(By.CSS_SELECTOR, ".zones a.zone polygon")[0]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", polygon)
        ActionChains(driver).move_to_element(polygon).click().perform()
        time.sleep(0.5)
        check(driver.current_url.endswith(article), f"{width}px: clicking a zone went to {driver.current_url}")

        for path in (page, issue, article):
            driver.get(base + path)
            problems += axe_problems(driver, f"{width}px {path}")
finally:
    driver.quit()

for problem in problems:
    print(problem)
print(f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
