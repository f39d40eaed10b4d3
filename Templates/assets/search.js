// sitegen reader search: answers search/index.html?q=… from the static index beside it.
// The matching steps mirror Sources/SitegenKit/Search/SearchQuery.swift and the folding mirrors
// SearchText.swift: change both sides together (the README's "Search" section describes them).
// Text from the archive only ever reaches the page through textContent and DOM nodes.
(function () {
  "use strict";
  var main = document.getElementById("main");
  var form = document.getElementById("search-form");
  if (!main || !form) { return; }
  var ROOT = main.getAttribute("data-root") || "";
  var PAGE_SIZE = 10;
  // Bytes of index the first round reads: the first results show after at most this much (plus
  // one block). With ten results' record files it keeps the first page under 150 KB
  // (Benchmarks/search.sh). Each 继续检索 then reads four times as much.
  var BUDGET = Number(main.getAttribute("data-budget")) || 80000;
  var countBox = document.getElementById("search-count");
  var list = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  var params = new URLSearchParams(window.location.search);
  var filters = {
    q: params.get("q") || "", sort: params.get("sort") === "best" ? "best" : "new",
    from: params.get("from") || "", to: params.get("to") || "",
    page: params.get("page") || "", author: params.get("author") || ""
  };

  // ---- Text, as SearchText.swift sees it ----
  function isSpace(c) {
    return (c >= 0x09 && c <= 0x0D) || c === 0x20 || c === 0xA0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
      c === 0x2028 || c === 0x2029 || c === 0x202F || c === 0x205F || c === 0x3000 || c === 0xFEFF;
  }
  function fold(c) {
    if (c >= 0x41 && c <= 0x5A) { return c + 0x20; }
    if (c >= 0xFF21 && c <= 0xFF3A) { return c - 0xFEE0 + 0x20; }
    if (c >= 0xFF01 && c <= 0xFF5E) { return c - 0xFEE0; }
    switch (c) {
      case 0x3002: return 0x2E;
      case 0x3001: return 0x2C;
      case 0x201C: case 0x201D: return 0x22;
      case 0x2018: case 0x2019: return 0x27;
      case 0x3010: return 0x5B;
      case 0x3011: return 0x5D;
    }
    return isSpace(c) ? 0x20 : c;
  }
  function codePoints(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.codePointAt(i);
      if (c > 0xFFFF) { i++; }
      out.push(c);
    }
    return out;
  }
  // Whitespace runs collapsed and trimmed, then folded: what the index holds.
  function normalized(text) {
    var out = [], pending = false;
    codePoints(text).forEach(function (c) {
      if (isSpace(c)) { pending = out.length > 0; return; }
      if (pending) { out.push(0x20); }
      pending = false;
      out.push(fold(c));
    });
    return out;
  }
  function keyOf(points) { return String.fromCodePoint.apply(null, points); }
  var encoder = new TextEncoder();

  // ---- Reading the index ----
  var stats = { bytes: 0, files: 0 };
  function fetchDeflated(path) {
    return fetch(path).then(function (response) {
      if (!response.ok) { return null; }
      return response.arrayBuffer().then(function (buffer) {
        stats.bytes += buffer.byteLength;
        stats.files += 1;
        var stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("deflate"));
        return new Response(stream).arrayBuffer().then(function (plain) { return new Uint8Array(plain); });
      });
    });
  }
  function Varints(bytes, offset, end) { this.bytes = bytes; this.offset = offset; this.end = end; }
  Varints.prototype.next = function () {
    var value = 0, scale = 1;
    while (this.offset < this.end) {
      var byte = this.bytes[this.offset++];
      value += (byte & 0x7F) * scale;
      if (byte < 0x80) { return value; }
      scale *= 128;
    }
    return null;
  };
  // Bit codes inside one key's postings (BitWriter in BitCodes.swift).
  function Bits(varints) { this.bytes = varints.bytes; this.position = varints.offset * 8; this.end = varints.end * 8; }
  Bits.prototype.bit = function () {
    if (this.position >= this.end) { return null; }
    var p = this.position++;
    return (this.bytes[p >> 3] & (0x80 >> (p & 7))) !== 0;
  };
  Bits.prototype.bits = function (count) {
    var value = 0;
    for (var i = 0; i < count; i++) {
      var bit = this.bit();
      if (bit === null) { return null; }
      value = value * 2 + (bit ? 1 : 0);
    }
    return value;
  };
  Bits.prototype.gamma = function () {
    var zeros = 0, bit;
    while ((bit = this.bit()) === false) { if (++zeros > 40) { return null; } }
    if (bit === null) { return null; }
    var rest = this.bits(zeros);
    return rest === null ? null : Math.pow(2, zeros) + rest;
  };
  Bits.prototype.rice = function (k) {
    var quotient = 0, bit;
    while ((bit = this.bit()) === true) { quotient++; }
    if (bit === null) { return null; }
    var rest = this.bits(k);
    return rest === null ? null : quotient * Math.pow(2, k) + rest;
  };
  // SearchIndexLayout.articleGapParameter / BitWriter.riceParameter.
  function riceParameter(total, count) {
    var mean = Math.max(1, Math.floor(total / Math.max(1, count))), k = 0;
    while (mean >= 2) { mean = Math.floor(mean / 2); k++; }
    return Math.min(15, k);
  }
  // Blocks (SearchIndexLayout): the one holding an article, and how many articles one holds.
  function blockOf(manifest, article) {
    var low = 0, high = manifest.blockStarts.length;
    while (high - low > 1) {
      var middle = (low + high) >> 1;
      if (manifest.blockStarts[middle] <= article) { low = middle; } else { high = middle; }
    }
    return low;
  }
  function blockSize(manifest, block) {
    return (block + 1 < manifest.blockStarts.length ? manifest.blockStarts[block + 1] : manifest.articles) - manifest.blockStarts[block];
  }
  // Key heads as SearchIndexLayout.KeyHead writes them: a filter key's bytes, or a character as
  // the difference from the previous character key of the file (`state.previous`).
  function readHead(reader, state) {
    var head = reader.next();
    if (head === null) { return null; }
    if (head === 0) {
      var length = reader.next();
      if (length === null || reader.offset + length > reader.end) { return null; }
      var filter = reader.bytes.subarray(reader.offset, reader.offset + length);
      reader.offset += length;
      return { filter: filter, character: 0 };
    }
    state.previous += head - 1;
    return { filter: null, character: state.previous };
  }
  function headOf(key) {
    var points = codePoints(key);
    return points[0] < 3 ? { filter: encoder.encode(key), character: 0 } : { filter: null, character: points[0] };
  }
  // KeyHead.precedes: filter keys (by their bytes) before characters (by code point).
  function precedes(a, b) {
    if (a.filter && b.filter) {
      for (var i = 0; i < a.filter.length && i < b.filter.length; i++) {
        if (a.filter[i] !== b.filter[i]) { return a.filter[i] < b.filter[i]; }
      }
      return a.filter.length < b.filter.length;
    }
    if (a.filter || b.filter) { return !!a.filter; }
    return a.character < b.character;
  }
  // The postings files of one block, found through its key directory, each fetched once.
  function BlockReader(manifest, block) {
    this.first = manifest.blockStarts[block];
    this.size = blockSize(manifest, block);
    this.folder = ROOT + "search/p/" + manifest.blocks[block] + "/";
    this.directory = null;
    this.files = {};
  }
  BlockReader.prototype.entry = function (key) {
    var self = this, wanted = headOf(key);
    if (!this.directory) {
      this.directory = fetchDeflated(this.folder + "keys.z").then(function (bytes) {
        var firsts = [];
        if (!bytes) { return firsts; }
        var reader = new Varints(bytes, 0, bytes.length), state = { previous: 0 }, count = reader.next() || 0;
        for (var i = 0; i < count; i++) {
          var head = readHead(reader, state);
          if (!head) { break; }
          firsts.push(head);
        }
        return firsts;
      });
    }
    return this.directory.then(function (firsts) {
      // The last file whose first key is not after the wanted one.
      var low = 0, high = firsts.length;
      while (low < high) {
        var middle = (low + high) >> 1;
        if (precedes(wanted, firsts[middle])) { high = middle; } else { low = middle + 1; }
      }
      if (low === 0) { return null; }
      if (!self.files[low - 1]) { self.files[low - 1] = fetchDeflated(self.folder + (low - 1) + ".z"); }
      return self.files[low - 1];
    }).then(function (bytes) {
      if (!bytes) { return null; }
      var reader = new Varints(bytes, 0, bytes.length), state = { previous: 0 }, count = reader.next() || 0;
      for (var i = 0; i < count; i++) {
        var head = readHead(reader, state), dataLength = head ? reader.next() : null;
        if (dataLength === null) { return null; }
        if (!precedes(head, wanted) && !precedes(wanted, head)) { return new Varints(bytes, reader.offset, reader.offset + dataLength); }
        reader.offset += dataLength;
      }
      return null;
    });
  };

  // ---- Matching, as SearchQuery.swift does ----
  // Every code point of the query, at its offset.
  function plan(text) {
    return text.map(function (point, offset) { return { key: keyOf([point]), offset: offset }; });
  }
  // Decodes SearchIndexWriter.positional: article → set of positions.
  function positions(entry, manifest, size) {
    var bits = new Bits(entry), result = new Map(), article = -1;
    var count = bits.gamma(), firstK = bits.bits(4), gapK = bits.bits(4);
    if (count === null || firstK === null || gapK === null) { return result; }
    var k = riceParameter(size, count);
    for (var i = 0; i < count; i++) {
      var gap = bits.rice(k), n = bits.gamma(), outside = bits.bit(), firstValue = bits.rice(firstK);
      if (gap === null || n === null || outside === null || firstValue === null) { break; }
      article += gap + 1;
      var position = outside ? firstValue + manifest.titleSpan : firstValue, list = new Set([position]);
      for (var j = 1; j < n; j++) {
        var step = bits.rice(gapK);
        if (step === null) { break; }
        position += step;
        list.add(position);
      }
      result.set(article, list);
    }
    return result;
  }
  function articleList(entry, size) {
    var result = new Set(), article = -1;
    if (!entry) { return result; }
    var bits = new Bits(entry), count = bits.gamma() || 0, k = riceParameter(size, count);
    for (var i = 0; i < count; i++) {
      var gap = bits.rice(k);
      if (gap === null) { break; }
      article += gap + 1;
      result.add(article);
    }
    return result;
  }
  // SearchQuery.maxCharacters / maxRecordFiles / anchors: a longer phrase reads the first and last
  // characters that make up this many; when the articles they put in place fit in MAX_RECORD_FILES
  // record files, each is checked against its record's text, else the other characters are read.
  var MAX_CHARACTERS = 12, MAX_RECORD_FILES = 8;
  function anchors(steps) {
    var chosen = [];
    steps.forEach(function (s) {
      if (chosen.length < MAX_CHARACTERS / 2 && chosen.indexOf(s.key) < 0) { chosen.push(s.key); }
    });
    steps.slice().reverse().forEach(function (s) {
      if (chosen.length < MAX_CHARACTERS && chosen.indexOf(s.key) < 0) { chosen.push(s.key); }
    });
    return steps.filter(function (s) { return chosen.indexOf(s.key) >= 0; });
  }
  // True when the folded code points `folded` hold `query` at `start`.
  function phraseAt(folded, start, query) {
    for (var j = 0; j < query.length; j++) { if (folded[start + j] !== query[j]) { return false; } }
    return true;
  }
  // SearchQuery.occurrences: the phrase in a record's text, field by field.
  function occurrencesIn(record, text, article) {
    var fields = [record.t].concat(record.k ? [record.k] : [], record.s ? [record.s] : [], record.a, record.b);
    var occurrences = 0, inTitle = false;
    fields.forEach(function (field, index) {
      var folded = normalized(field);
      for (var start = 0; start + text.length <= folded.length; start++) {
        if (!phraseAt(folded, start, text)) { continue; }
        occurrences += 1;
        if (index === 0) { inTitle = true; }
      }
    });
    return occurrences > 0 ? { article: article, occurrences: occurrences, inTitle: inTitle } : null;
  }
  function searchBlock(manifest, allSteps, reader, text) {
    var steps = anchors(allSteps);
    if (steps.length === allSteps.length) { return positionalMatches(manifest, steps, reader); }
    return positionalMatches(manifest, steps, reader).then(function (candidates) {
      var files = {};
      candidates.forEach(function (m) { files[recordLocation(manifest, m.article).file] = true; });
      if (Object.keys(files).length > MAX_RECORD_FILES) { return positionalMatches(manifest, allSteps, reader); }
      return Promise.all(candidates.map(function (m) {
        return records(manifest, m.article).then(function (record) { return record ? occurrencesIn(record, text, m.article) : null; });
      })).then(function (checked) { return checked.filter(Boolean); });
    });
  }
  // The articles where every step's character occurs at the start + its offset.
  function positionalMatches(manifest, steps, reader) {
    var first = reader.first;
    var keys = steps.map(function (s) { return s.key; }).filter(function (k, i, all) { return all.indexOf(k) === i; });
    return Promise.all(keys.map(function (k) { return reader.entry(k); })).then(function (entries) {
      if (entries.some(function (e) { return !e; })) { return []; }
      var lists = {};
      keys.forEach(function (k, i) { lists[k] = positions(entries[i], manifest, reader.size); });
      var anchor = lists[steps[0].key], matches = [];
      Array.from(anchor.keys()).sort(function (a, b) { return a - b; }).forEach(function (article) {
        var columns = steps.map(function (s) { return lists[s.key].get(article); });
        if (columns.some(function (c) { return !c; })) { return; }
        var occurrences = 0, inTitle = false;
        columns[0].forEach(function (start) {
          for (var i = 0; i < steps.length; i++) { if (!columns[i].has(start + steps[i].offset)) { return; } }
          occurrences += 1;
          if (start < manifest.titleSpan) { inTitle = true; }
        });
        if (occurrences > 0) { matches.push({ article: first + article, occurrences: occurrences, inTitle: inTitle }); }
      });
      return matches;
    });
  }
  function restrict(matches, keys, reader) {
    if (!keys.length) { return Promise.resolve(matches); }
    var first = reader.first;
    return Promise.all(keys.map(function (k) { return reader.entry(k); })).then(function (entries) {
      var sets = entries.map(function (entry) { return articleList(entry, reader.size); });
      return matches.filter(function (m) {
        return sets.every(function (set) { return set.has(m.article - first); });
      });
    });
  }
  function articleRange(manifest) {
    function start(test) {
      for (var i = 0; i < manifest.months.length; i++) { if (test(manifest.months[i])) { return manifest.monthStarts[i]; } }
      return manifest.articles;
    }
    var low = filters.from ? start(function (m) { return m >= filters.from; }) : 0;
    var high = filters.to ? start(function (m) { return m > filters.to; }) : manifest.articles;
    return [low, high];
  }
  function sorted(matches) {
    return matches.slice().sort(function (a, b) {
      if (filters.sort === "best") {
        if (a.inTitle !== b.inTitle) { return a.inTitle ? -1 : 1; }
        if (a.occurrences !== b.occurrences) { return b.occurrences - a.occurrences; }
      }
      return b.article - a.article;
    });
  }

  // One search: blocks are read newest first, a round at a time (BUDGET bytes).
  function Search(manifest, text) {
    this.manifest = manifest;
    this.text = text;
    this.steps = plan(text);
    var range = articleRange(manifest);
    this.low = range[0];
    this.high = range[1];
    this.nextBlock = this.low < this.high ? blockOf(manifest, this.high - 1) : -1;
    this.lastBlock = this.low < this.high ? blockOf(manifest, this.low) : 0;
    this.filterKeys = [];
    if (filters.page) { this.filterKeys.push("\u0001" + filters.page); }
    var self = this;
    filters.author.split(/\s+/).filter(Boolean).forEach(function (name) {
      self.filterKeys.push("\u0002" + keyOf(normalized(name)));
    });
    this.matches = [];
    this.lastCost = 0;
  }
  Search.prototype.complete = function () { return this.nextBlock < this.lastBlock; };
  Search.prototype.round = function (budget) {
    var self = this, limit = stats.bytes + budget, firstOfRound = true;
    function step() {
      if (self.complete()) { return Promise.resolve(); }
      if (!firstOfRound && stats.bytes + self.lastCost > limit) { return Promise.resolve(); }
      firstOfRound = false;
      var before = stats.bytes, reader = new BlockReader(self.manifest, self.nextBlock);
      return searchBlock(self.manifest, self.steps, reader, self.text).then(function (matches) {
        return restrict(matches, self.filterKeys, reader);
      }).then(function (matches) {
        matches.reverse().forEach(function (m) {
          if (m.article >= self.low && m.article < self.high) { self.matches.push(m); }
        });
        self.nextBlock -= 1;
        self.lastCost = stats.bytes - before;
        return step();
      });
    }
    return step();
  };

  // ---- Showing results ----
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  // Appends `text` to `parent` with the first occurrence of the query marked; true when found.
  function appendMarked(parent, text, query, context) {
    var points = codePoints(text), folded = points.map(fold);
    for (var i = 0; i + query.length <= folded.length; i++) {
      if (!phraseAt(folded, i, query)) { continue; }
      var start = context ? Math.max(0, i - context) : 0;
      var end = context ? Math.min(points.length, i + query.length + context * 2) : points.length;
      parent.appendChild(document.createTextNode((start > 0 ? "…" : "") + String.fromCodePoint.apply(null, points.slice(start, i))));
      parent.appendChild(el("mark", "", String.fromCodePoint.apply(null, points.slice(i, i + query.length))));
      parent.appendChild(document.createTextNode(String.fromCodePoint.apply(null, points.slice(i + query.length, end)) + (end < points.length ? "…" : "")));
      return true;
    }
    return false;
  }
  function chineseDate(iso) {
    var parts = iso.split("-");
    return Number(parts[0]) + "年" + Number(parts[1]) + "月" + Number(parts[2]) + "日";
  }
  function fillResult(item, record, query) {
    var heading = el("h2"), link = el("a");
    link.href = ROOT + record.u;
    if (!appendMarked(link, record.t, query, 0)) { link.textContent = record.t; }
    heading.appendChild(link);
    item.appendChild(heading);
    var meta = el("p", "search-meta");
    var time = el("time", "", chineseDate(record.d));
    time.setAttribute("datetime", record.d);
    meta.appendChild(time);
    meta.appendChild(document.createTextNode(" · " + record.h + (record.a && record.a.length ? " · " + record.a.join("、") : "")));
    item.appendChild(meta);
    var snippet = el("p", "search-snippet");
    var fields = (record.b || []).concat([record.k, record.s].filter(Boolean), record.a || []);
    if (!fields.some(function (f) { return appendMarked(snippet, f, query, 30); })) {
      var lead = codePoints((record.b || [""])[0] || "");
      snippet.textContent = String.fromCodePoint.apply(null, lead.slice(0, 90)) + (lead.length > 90 ? "…" : "");
    }
    item.appendChild(snippet);
  }
  // A block's ten-day period (SearchIndexWriter.Block): "2018-07-2-1" → 2018年7月中旬, and
  // "（部分）" when the block is not the period's first part, so the period was read in part.
  function periodName(block) {
    var parts = block.split("-");
    return Number(parts[0]) + "年" + Number(parts[1]) + "月" + ["上旬", "中旬", "下旬"][Number(parts[2]) - 1] +
      (parts[3] === "0" ? "" : "（部分）");
  }

  var current = null, shown = 0, queryText = [];
  // Record files (SearchIndexLayout.records) hold recordGroup neighbours each: fetched once.
  var recordFiles = {};
  // SearchQuery.recordLocation: the record file holding an article's record, and its entry there.
  function recordLocation(manifest, article) {
    var block = blockOf(manifest, article), local = article - manifest.blockStarts[block];
    return { file: manifest.blocks[block] + "/" + Math.floor(local / manifest.recordGroup), entry: local % manifest.recordGroup };
  }
  function records(manifest, article) {
    var location = recordLocation(manifest, article), file = location.file;
    if (!recordFiles[file]) {
      recordFiles[file] = fetchDeflated(ROOT + "search/a/" + file + ".z").then(function (bytes) {
        // SearchIndexWriter.recordFile: UTF-16LE when the second byte is zero ("[" is 5B 00), else UTF-8.
        return bytes ? JSON.parse(new TextDecoder(bytes[1] === 0 ? "utf-16le" : "utf-8").decode(bytes)) : null;
      });
    }
    return recordFiles[file].then(function (list) { return list ? list[location.entry] || null : null; });
  }
  function showCount() {
    var n = current.matches.length;
    countBox.setAttribute("data-count", String(n));
    countBox.setAttribute("data-complete", current.complete() ? "true" : "false");
    if (current.complete()) {
      countBox.textContent = n ? "“" + filters.q + "”共找到 " + n + " 篇文章" : "没有找到含“" + filters.q + "”的文章";
    } else {
      var oldest = current.manifest.blocks[current.nextBlock + 1];
      countBox.textContent = "“" + filters.q + "”已找到 " + n + " 篇（已检索" + periodName(oldest) + "以来的文章，更早的请点“继续检索”）";
    }
  }
  function showMore() {
    var matches = sorted(current.matches), page = matches.slice(shown, shown + PAGE_SIZE), later = shown > 0;
    page.forEach(function (match, index) {
      var item = el("li", "search-result");
      list.appendChild(item);
      records(current.manifest, match.article).then(function (record) {
        if (!record) { return; }
        fillResult(item, record, queryText);
        if (later && index === 0) { item.querySelector("a").focus(); }
      });
    });
    shown += page.length;
    var more = shown < matches.length || !current.complete();
    moreButton.hidden = !more;
    moreButton.textContent = shown < matches.length ? "更多结果" : "继续检索更早的文章";
  }
  function runRound(budget) {
    moreButton.disabled = true;
    return current.round(budget).then(function () {
      showCount();
      moreButton.disabled = false;
    });
  }

  function fillForm(manifest) {
    ["q", "sort", "from", "to", "author"].forEach(function (name) {
      var input = form.elements[name];
      if (input) { input.value = filters[name]; }
    });
    var pageSelect = document.getElementById("search-page");
    manifest.pageNames.forEach(function (name) {
      var option = el("option", "", name);
      option.value = name;
      pageSelect.appendChild(option);
    });
    pageSelect.value = filters.page;
    if (manifest.months.length) {
      ["from", "to"].forEach(function (name) {
        form.elements[name].min = manifest.months[0];
        form.elements[name].max = manifest.months[manifest.months.length - 1];
      });
    }
  }
  // Empty fields stay out of the address. (No search on `change`: arrow keys in a select would fire it.)
  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (input) {
      if (input.name && !input.value) { input.disabled = true; }
    });
    window.setTimeout(function () {
      Array.prototype.forEach.call(form.elements, function (input) { input.disabled = false; });
    }, 0);
  });
  moreButton.addEventListener("click", function () {
    if (shown < sorted(current.matches).length) { showMore(); return; }
    runRound(4 * BUDGET).then(showMore);
  });

  if (!window.fetch || !window.DecompressionStream) {
    countBox.textContent = "这个浏览器不支持站内搜索，请换用较新的浏览器。";
    return;
  }
  fetch(main.getAttribute("data-manifest")).then(function (response) {
    if (!response.ok) { throw new Error(response.status); }
    return response.json();
  }).then(function (manifest) {
    fillForm(manifest);
    queryText = normalized(filters.q);
    if (!queryText.length) { form.elements.q.focus(); return; }
    document.title = filters.q + " - " + document.title;
    current = new Search(manifest, queryText);
    countBox.textContent = "正在搜索…";
    return runRound(BUDGET).then(showMore);
  }).catch(function () {
    countBox.textContent = "无法读取搜索索引：请通过网站服务器访问本页（直接打开文件时浏览器不允许读取索引）。";
  });
})();
