"""The reading experience in headless Chromium, run by ReadingBrowserTests.swift.

usage: reading.py BASE_URL ARTICLE_PATH ARTICLE_FILE PAGE_PATH...
Loads the article at phone (390 px) and desktop (1366 px) widths, checks the layout, uses the
放大/缩小/默认 buttons (and that the choice is remembered), ← / → navigation, the 引用 block and
what prints,
then runs axe-core (from axe-selenium-python) on the article and every other PAGE_PATH at both
widths. With the preview server's live reload, breaking ARTICLE_FILE (the article's Markdown)
must show the build error over the open page as text, and restoring it must bring the page back.
Prints one line per problem and exits 1 if there was any.
"""
import re
import sys
import time

from axe_check import axe_problems
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

base, article, article_file, pages = sys.argv[1].rstrip("/") + "/", sys.argv[2], sys.argv[3], sys.argv[4:]
problems = []


def check(ok, message):
    if not ok:
        problems.append(message)


def wait_until(condition, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)
driver.set_script_timeout(60)


def box(selector):
    return driver.execute_script(
        "var r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {left: r.left, right: r.right, top: r.top + window.scrollY, bottom: r.bottom + window.scrollY};",
        selector)


def article_size():
    return driver.execute_script(
        "return parseFloat(getComputedStyle(document.querySelector('.article-body')).fontSize);")


try:
    for width in (390, 1366):
        driver.set_window_size(width, 900)
        driver.get(base + article)
        inner = driver.execute_script("return window.innerWidth")
        scroll = driver.execute_script("return document.documentElement.scrollWidth")
        check(scroll <= inner, f"{width}px: the article scrolls sideways ({scroll} > {inner})")
        main, sidebar = box("main"), box(".sidebar")
        if width < 800:
            check(sidebar["top"] >= main["bottom"] - 1, f"{width}px: the navigation should follow the article on a phone")
        else:
            check(sidebar["left"] >= main["right"] - 1, f"{width}px: the navigation should stand beside the article")
        # Line length: at most about 40 characters of body text per line.
        measure = driver.execute_script(
            "var b = document.querySelector('.article-body');"
            "return b.getBoundingClientRect().width / parseFloat(getComputedStyle(b).fontSize);")
        check(measure <= 40, f"{width}px: lines are {measure:.0f} characters long")

    # 放大 / 缩小 / 默认, remembered across pages.
    driver.set_window_size(1366, 900)
    driver.get(base + article)
    zoom = driver.find_element(By.CSS_SELECTOR, ".zoom")
    check(zoom.is_displayed(), "the zoom buttons are hidden although JavaScript runs")
    default = article_size()
    driver.find_element(By.CSS_SELECTOR, "[data-zoom=in]").click()
    bigger = article_size()
    check(bigger > default, f"放大 did not enlarge the text ({default} → {bigger})")
    driver.get(base + article)
    check(article_size() == bigger, "the 放大 choice was not remembered after reloading")
    driver.find_element(By.CSS_SELECTOR, "[data-zoom=reset]").click()
    check(article_size() == default, "默认 did not restore the size")
    driver.find_element(By.CSS_SELECTOR, "[data-zoom=out]").click()
    check(article_size() < default, "缩小 did not shrink the text")
    driver.find_element(By.CSS_SELECTOR, "[data-zoom=reset]").click()

    # ← / → go to 上一篇 / 下一篇.
    for key, rel in ((Keys.ARROW_RIGHT, "next"), (Keys.ARROW_LEFT, "prev")):
        driver.get(base + article)
        links = driver.find_elements(By.CSS_SELECTOR, f"a[rel={rel}]")
        check(len(links) == 1, f"the article should have one {rel} link")
        if links:
            target = links[0].get_attribute("href")
            driver.find_element(By.TAG_NAME, "body").send_keys(key)
            check(wait_until(lambda: driver.current_url == target), f"{rel} key went to {driver.current_url}, not {target}")

    # 引用: the reference with today's 引用日期 and the permanent address; the copy buttons show.
    driver.get(base + article)
    reference = driver.find_element(By.ID, "reference").text
    check(re.fullmatch(r".+\. .+\[N/OL\]\. .+, \d{4}-\d\d-\d\d\(\w+\)\[\d{4}-\d\d-\d\d\]\. https?://\S+\.html\.", reference) is not None,
          f"the reference is not in GB/T 7714 form: {reference}")
    check(driver.find_element(By.CSS_SELECTOR, ".cite-actions").is_displayed(), "the copy buttons are hidden")

    # Print: the article as the article (masthead, date, 版次, headline, body), no navigation.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.get(base + article)
    shown = driver.execute_script(
        "var out = {}; arguments[0].forEach(function (s) { var e = document.querySelector(s);"
        " out[s] = !!e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0; }); return out;",
        [".masthead-title", ".issue-date", ".page-heading", ".headline h1", ".article-body",
         ".site-nav", ".breadcrumb", ".sidebar", ".article-pager", ".zoom", ".site-footer", ".cite-actions"])
    for selector, visible in shown.items():
        wanted = selector in (".masthead-title", ".issue-date", ".page-heading", ".headline h1", ".article-body")
        check(visible == wanted, f"print: {selector} should {'' if wanted else 'not '}print")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # Live reload: a broken file shows over the page, as text; fixing it reloads the page.
    driver.get(base + article)
    original = open(article_file, encoding="utf-8").read()
    try:
        with open(article_file, "w", encoding="utf-8") as f:
            f.write(original.replace("date: ", "date: <b>bold</b>", 1))
        appeared = wait_until(lambda: driver.execute_script("return !!document.getElementById('sitegen-error')"), 10)
        check(appeared, "a build error did not show over the open page")
        if appeared:
            overlay = driver.find_element(By.ID, "sitegen-error")
            check("<b>bold</b>" in overlay.text and not overlay.find_elements(By.TAG_NAME, "b"),
                  f"the error overlay should show the error as text: {overlay.text[:200]}")
    finally:
        with open(article_file, "w", encoding="utf-8") as f:
            f.write(original)
    check(wait_until(lambda: driver.execute_script("return !document.getElementById('sitegen-error') && !!document.querySelector('.article-body')"), 10),
          "the page did not recover after the file was fixed")

    # axe-core: no violations on any kind of page, at either width.
    for width in (390, 1366):
        driver.set_window_size(width, 900)
        for path in [article] + pages:
            driver.get(base + path)
            problems += axe_problems(driver, f"{width}px {path or '/'}")
finally:
    driver.quit()

for problem in problems:
    print(problem)
print(f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
