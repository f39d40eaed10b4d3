"""axe-core on the page the driver shows, for the browser tests: each violation as one line."""
import json

from axe_selenium_python import Axe


def axe_problems(driver, label):
    """The violations on the current page, each as `axe <label>: id (impact): help at targets`."""
    axe = Axe(driver)
    axe.inject()
    problems = []
    for violation in axe.run()["violations"]:
        nodes = violation["nodes"]
        if violation["id"] == "autocomplete-valid":
            # axe-core 3.1.1 (what axe-selenium-python ships) rejects autocomplete="off",
            # which HTML allows; any other value still counts.
            nodes = [n for n in nodes if 'autocomplete="off"' not in n.get("html", "")]
            if not nodes:
                continue
        targets = [node["target"] for node in nodes][:3]
        problems.append(f"axe {label}: {violation['id']} ({violation['impact']}): {violation['help']} at {json.dumps(targets, ensure_ascii=False)}")
    return problems
