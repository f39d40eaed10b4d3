"""Full-page screenshots of a served site in headless Chromium; run by make.sh.

usage: shoot.py BASE_URL OUT_DIR NAME=PATH...   (each page at 390 px and 1366 px wide)
"""
import pathlib
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

base, out, pages = sys.argv[1].rstrip("/") + "/", pathlib.Path(sys.argv[2]), sys.argv[3:]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--lang=zh-CN", "--force-device-scale-factor=1"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    for page in pages:
        name, path = page.split("=", 1)
        for width in (390, 1366):
            driver.set_window_size(width, 800)
            driver.get(base + path)
            time.sleep(0.5)  # the search page answers from its index after loading
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(height, 4000))
            target = out / f"{name}-{width}.png"
            driver.save_screenshot(str(target))
            print(target)
finally:
    driver.quit()
