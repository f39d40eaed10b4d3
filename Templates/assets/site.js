// sitegen: small enhancements; every page works without them.
(function () {
  "use strict";
  var body = document.querySelector(".article-body");
  var zoom = document.querySelector(".zoom");
  var KEY = "sitegen.articleSize";
  var STEPS = [0.875, 1, 1.125, 1.25, 1.375, 1.5, 1.75, 2];
  var DEFAULT = 2;

  function stored() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY), 10);
      return isNaN(value) ? DEFAULT : Math.max(0, Math.min(STEPS.length - 1, value));
    } catch (e) { return DEFAULT; }
  }
  function apply(step) {
    if (body) { body.style.fontSize = STEPS[step] + "rem"; }
    try { window.localStorage.setItem(KEY, String(step)); } catch (e) { /* private mode */ }
  }
  if (body && zoom) {
    var step = stored();
    if (step !== DEFAULT) { apply(step); }
    zoom.hidden = false;
    zoom.addEventListener("click", function (event) {
      var action = event.target && event.target.getAttribute("data-zoom");
      if (!action) { return; }
      if (action === "in") { step = Math.min(STEPS.length - 1, step + 1); }
      else if (action === "out") { step = Math.max(0, step - 1); }
      else { step = DEFAULT; }
      apply(step);
    });
  }

  // 引用: the reader's 引用日期 (today), and the copy buttons, shown only where they can work.
  var reference = document.getElementById("reference");
  var citeDate = document.querySelector(".cite-date");
  if (citeDate) {
    var today = new Date();
    citeDate.textContent = "[" + today.getFullYear() + "-" + ("0" + (today.getMonth() + 1)).slice(-2) +
      "-" + ("0" + today.getDate()).slice(-2) + "]";
  }
  var actions = document.querySelector(".cite-actions");
  if (actions && navigator.clipboard && window.isSecureContext) {
    var status = actions.querySelector(".copy-status");
    actions.hidden = false;
    actions.addEventListener("click", function (event) {
      var button = event.target;
      if (!button || button.tagName !== "BUTTON") { return; }
      var from = button.getAttribute("data-copy-from");
      var text = from ? document.getElementById(from).textContent : button.getAttribute("data-copy");
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = "已复制";
      }, function () {
        status.textContent = "复制失败，请手动选择文字复制";
      });
    });
  }

  // ← / → go to 上一篇 / 下一篇 (or 上一版 / 下一版 on a page), unless the reader is typing.
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var rel = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
    if (!rel) { return; }
    var link = document.querySelector("a[rel=" + rel + "]");
    if (link) { window.location.href = link.href; }
  });

  // 版面图: a zone and the titles of its article light up together, whichever the reader points
  // at or tabs to (the zones are links of their own, so this is only a guide for the eye).
  var zones = document.querySelectorAll(".zones .zone");
  if (zones.length) {
    var byArticle = {};
    var key = function (href) { try { return new URL(href, document.baseURI).pathname; } catch (e) { return href; } };
    var group = function (href) { var k = key(href); byArticle[k] = byArticle[k] || []; return byArticle[k]; };
    Array.prototype.forEach.call(zones, function (zone) {
      group(zone.getAttribute("href")).push(zone);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".title-nav a, .page-titles a"), function (link) {
      var k = key(link.getAttribute("href"));
      if (byArticle[k]) { byArticle[k].push(link); }
    });
    var light = function (event, on) {
      var target = event.target.closest ? event.target.closest("a") : null;
      var members = target && byArticle[key(target.getAttribute("href"))];
      if (!members) { return; }
      members.forEach(function (member) { member.classList.toggle("active", on); });
    };
    ["mouseover", "focusin"].forEach(function (type) { document.addEventListener(type, function (e) { light(e, true); }); });
    ["mouseout", "focusout"].forEach(function (type) { document.addEventListener(type, function (e) { light(e, false); }); });
  }
})();
