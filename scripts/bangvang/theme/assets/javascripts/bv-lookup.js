/* Bảng Vàng honour lookup: searches the static index written by bangvang.core.honours.name_index.
   Text is folded exactly as bangvang.core.search_text folds it (tests/search_vectors.json). */
(function () {
  "use strict";

  var TONES = { "\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5" };
  var LEADING_OPTIONAL = [["gia", "dinh", "ong"], ["gia", "dinh", "ba"], ["gia", "dinh"], ["dong", "ho"], ["ong"], ["ba"]];
  var SHOWN = 20;
  var SCAN_LIMIT = 400;
  var CANDIDATES = 60;
  var PLAIN_CHUNKS = 2;
  var FILTER_CHUNKS = 6;

  function foldDiacritics(text) {
    return text
      .replace(/[đð]/g, "d")
      .replace(/[ĐÐ]/g, "D")
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .normalize("NFC");
  }

  function fold(text) {
    return foldDiacritics(text).toLowerCase().replace(/[^a-z0-9]+/g, " ").trim().split(/\s+/).filter(Boolean).join(" ");
  }

  function words(text) {
    var folded = fold(text);
    return folded ? folded.split(" ") : [];
  }

  function exactWord(word) {
    var tone = "0";
    var kept = "";
    var chars = word.toLowerCase().replace(/ð/g, "đ").normalize("NFD");
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (TONES[c]) {
        if (tone === "0") tone = TONES[c];
      } else {
        kept += c;
      }
    }
    return kept.normalize("NFC") + tone;
  }

  function exactWords(text) {
    return text.normalize("NFC").trim().split(/\s+/).map(function (raw) {
      return Array.from(raw).filter(function (ch) { return /[\p{L}\p{N}]/u.test(ch); }).join("");
    }).filter(Boolean).map(exactWord);
  }

  function queryTerms(query) {
    var folded = words(query);
    var optional = [];
    for (var i = 0; i < LEADING_OPTIONAL.length; i++) {
      var phrase = LEADING_OPTIONAL[i];
      if (folded.length > phrase.length && phrase.every(function (w, j) { return folded[j] === w; })) {
        optional = phrase.slice();
        folded = folded.slice(phrase.length);
        break;
      }
    }
    return { required: folded, optional: optional, prefix: folded.length > 0 && !/ $/.test(query) };
  }

  /* ---------------------------------------------------------------- index */

  function Index(base) {
    this.base = base;
    this.files = {};
    this.fetched = [];
  }
  Index.prototype.load = function (name) {
    var self = this;
    if (!this.files[name]) {
      this.fetched.push(name);
      this.files[name] = fetch(this.base + name).then(function (response) {
        if (!response.ok) throw new Error(name + ": " + response.status);
        return response.json();
      });
    }
    return this.files[name];
  };
  Index.prototype.meta = function () { return this.load("meta.json"); };

  function decode(runs) {
    var ranges = [];
    var end = 0;
    for (var i = 0; i < runs.length; i += 2) {
      var start = end + runs[i];
      end = start + runs[i + 1];
      ranges.push([start, end]);
    }
    return ranges;
  }

  function union(lists) {
    var all = [].concat.apply([], lists).sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    all.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      var start = Math.max(a[i][0], b[j][0]);
      var end = Math.min(a[i][1], b[j][1]);
      if (start < end) out.push([start, end]);
      if (a[i][1] < b[j][1]) i++;
      else j++;
    }
    return out;
  }

  function wordRanges(index, meta, word, asPrefix) {
    // Shards are keyed by a word's first two letters; a one-letter prefix spans every key it begins.
    var keys = asPrefix && word.length < 2
      ? Object.keys(meta.shards).filter(function (key) { return key.indexOf(word) === 0; })
      : [word.slice(0, 2)];
    var shards = Array.from(new Set(keys.map(function (key) { return meta.shards[key]; }).filter(function (n) {
      return n !== undefined;
    })));
    return Promise.all(shards.map(function (n) { return index.load("s" + n + ".json"); })).then(function (loaded) {
      var lists = [];
      loaded.forEach(function (postings) {
        if (!asPrefix) {
          if (postings[word]) lists.push(decode(postings[word]));
          return;
        }
        Object.keys(postings).forEach(function (key) {
          if (key.indexOf(word) === 0) lists.push(decode(postings[key]));
        });
      });
      return union(lists);
    });
  }

  function matchesFilters(doc, meta, filters) {
    var decision = meta.decisions[doc[6]];
    var place = meta.places[doc[5]];
    if (filters.loai && meta.kind_keys[doc[2]] !== filters.loai) return false;
    if (filters.danh_hieu && meta.titles[doc[3]] !== filters.danh_hieu) return false;
    if (filters.giai_doan && meta.periods[decision[2]] !== filters.giai_doan) return false;
    if (filters.tinh && meta.provinces[place[2]] !== filters.tinh) return false;
    if (filters.xa && placeKey(place) !== filters.xa) return false;
    if (filters.qd && decision[3] !== filters.qd) return false;
    return true;
  }

  function placeKey(place) {
    return place[1] ? place[0] + ", " + place[1] : place[0];
  }

  function score(doc, queryExact, queryFolded, optional) {
    var nameWords = doc[0].split(/\s+/);
    var exact = nameWords.map(exactWord);
    var folded = nameWords.map(function (w) { return fold(w); });
    // Words a citizen may leave out ("gia đình", "dòng họ") still say what they look for.
    var total = optional.filter(function (w) { return folded.indexOf(w) >= 0; }).length * 3;
    queryExact.forEach(function (q, i) {
      if (exact.indexOf(q) >= 0) total += 2;
      else if (folded.indexOf(queryFolded[i]) >= 0) total += 1;
    });
    return total;
  }

  /* Finds the entries matching ``query`` and ``filters``. ``from`` skips the matches an earlier call
     already scanned ("Xem thêm" asks for the next ones); ``next`` says where this call stopped. */
  function search(index, query, filters, from) {
    from = from || 0;
    var terms = queryTerms(query);
    if (!terms.required.length) return Promise.resolve({ empty: true });
    return index.meta().then(function (meta) {
      var last = terms.required.length - 1;
      return Promise.all(terms.required.map(function (word, i) {
        return wordRanges(index, meta, word, terms.prefix && i === last);
      })).then(function (lists) {
        var ranges = lists.reduce(intersect);
        var count = ranges.reduce(function (n, r) { return n + r[1] - r[0]; }, 0);
        // Candidates in name order, from as few document files as will do: a typing citizen
        // needs the first screen of answers, not every Nguyễn in the province.
        var filtered = Object.keys(filters).some(function (k) { return filters[k]; });
        var limit = filtered ? SCAN_LIMIT : CANDIDATES;
        var chunkLimit = filtered ? FILTER_CHUNKS : PLAIN_CHUNKS;
        var ids = [];
        var chunkSet = [];
        var skip = from;
        scan: for (var r = 0; r < ranges.length; r++) {
          if (skip >= ranges[r][1] - ranges[r][0]) {
            skip -= ranges[r][1] - ranges[r][0];
            continue;
          }
          var first = ranges[r][0] + skip;
          skip = 0;
          for (var id = first; id < ranges[r][1]; id++) {
            var c = Math.floor(id / meta.chunk);
            if (chunkSet.indexOf(c) < 0) {
              if (chunkSet.length >= chunkLimit) break scan;
              chunkSet.push(c);
            }
            ids.push(id);
            if (ids.length >= limit) break scan;
          }
        }
        var chunks = chunkSet;
        return Promise.all(chunks.map(function (c) { return index.load("d" + c + ".json"); })).then(function (loaded) {
          var byChunk = {};
          chunks.forEach(function (c, i) { byChunk[c] = loaded[i]; });
          var queryWords = query.trim().split(/\s+/).slice(terms.optional.length);
          var queryExact = queryWords.map(function (w) { return exactWords(w)[0] || ""; });
          var queryFolded = queryWords.map(fold);
          var hits = [];
          ids.forEach(function (id) {
            var doc = byChunk[Math.floor(id / meta.chunk)][id % meta.chunk];
            if (matchesFilters(doc, meta, filters)) hits.push({ id: id, doc: doc, score: score(doc, queryExact, queryFolded, terms.optional) });
          });
          hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
          var next = from + ids.length;
          return {
            meta: meta,
            hits: hits,
            count: filtered ? hits.length : count,
            more: filtered && count > next,
            next: next,
            rest: count > next,
          };
        });
      });
    });
  }

  /* ---------------------------------------------------------------- page */

  var FILTERS = ["loai", "danh_hieu", "giai_doan", "tinh", "xa", "qd"];

  function formatDate(iso) {
    var p = iso.split("-");
    return Number(p[2]) + "/" + Number(p[1]) + "/" + p[0];
  }

  function formatNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function option(select, value, label) {
    var node = el("option", "", label);
    node.value = value;
    select.appendChild(node);
  }

  function fillFilters(form, meta) {
    var kinds = form.elements.loai;
    meta.kind_keys.forEach(function (key, i) { option(kinds, key, meta.kinds[i]); });
    meta.titles.slice().sort(function (a, b) { return a.localeCompare(b, "vi"); })
      .forEach(function (t) { option(form.elements.danh_hieu, t, t); });
    meta.periods.slice().sort().reverse().forEach(function (p) { option(form.elements.giai_doan, p, p); });
    meta.provinces.slice().sort(function (a, b) { return a.localeCompare(b, "vi"); })
      .forEach(function (p) { option(form.elements.tinh, p, p); });
    meta.decisions.forEach(function (d) { option(form.elements.qd, d[3], d[0] + " (" + formatDate(d[1]) + ")"); });
    fillCommunes(form, meta);
  }

  function fillCommunes(form, meta) {
    var select = form.elements.xa;
    var province = form.elements.tinh.value;
    var chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    var keys = meta.places.filter(function (p) { return !province || meta.provinces[p[2]] === province; })
      .map(placeKey).sort(function (a, b) { return a.localeCompare(b, "vi"); });
    Array.from(new Set(keys)).forEach(function (k) { option(select, k, k); });
    select.value = keys.indexOf(chosen) >= 0 ? chosen : "";
    select.disabled = !province;
  }

  function hitItem(root, meta, hit) {
    var doc = hit.doc;
    var decision = meta.decisions[doc[6]];
    var place = meta.places[doc[5]];
    var item = el("li", "bv-hit");
    var link = el("a", "bv-hit__name", doc[0]);
    // The row's page: the text its decision's pages begin with, and the rest of the page numbered in the document.
    link.href = root + decision[5] + decision[6][doc[7]] + "#" + decision[3] + "-stt-" + doc[1];
    item.appendChild(link);
    item.appendChild(el("span", "bv-hit__title", meta.titles[doc[3]]));
    // The place as the decision signed it; a row printing another wording than its page's has its own.
    var signed = doc.length > 8 ? meta.signed_places[doc[8]] : null;
    var page = [place[0], place[1], meta.provinces[place[2]]];
    var where = signed ? [doc[4], signed[0], signed[1], meta.signed_provinces[signed[2]]] : [doc[4]].concat(page);
    var shown = el("span", "bv-hit__place", where.filter(Boolean).join(", "));
    // "(nay là …)": the current unit whose page lists the row.
    if (signed && signed[3]) {
      var now = typeof signed[3] === "string" ? signed[3] : page.filter(Boolean).join(", ");
      shown.appendChild(el("span", "bv-hit__now", " (nay là " + now + ")"));
    }
    item.appendChild(shown);
    var cited = el("span", "bv-hit__decision", decision[4] + " · Quyết định ");
    cited.appendChild(el("span", "bv-no", decision[0]));  /* a decision number never breaks inside */
    cited.appendChild(document.createTextNode(", ký ngày " + formatDate(decision[1]) + " · STT " + doc[1]));
    item.appendChild(cited);
    return item;
  }

  /* "Báo thiếu tên": the site's corrections address (e-mail or form), prefilled with what was looked for,
     as each row's "Báo sai sót" is prefilled with the row. */
  function reportLink(target, query) {
    var page = location.href;
    var href;
    if (target.indexOf("mailto:") === 0) {
      href = target + "?subject=" + encodeURIComponent("Thiếu tên: " + query) +
        "&body=" + encodeURIComponent("Tra cứu “" + query + "” không thấy tên (" + page + ").");
    } else {
      href = target.replace(/\{so\}/g, "").replace(/\{stt\}/g, "")
        .replace(/\{ten\}/g, encodeURIComponent(query)).replace(/\{trang\}/g, encodeURIComponent(page));
    }
    var link = el("a", "bv-lookup__report", "Báo thiếu tên");
    link.href = href;
    return link;
  }

  function describe(state) {
    var shown = Math.min(state.shown, state.hits.length);
    return formatNumber(state.count) + (state.more ? "+" : "") + " kết quả" +
      (state.count > shown ? ", hiển thị " + shown + " kết quả đầu." : ".");
  }

  function renderEmpty(result, status, form, query) {
    var meta = result.meta;
    status.textContent = "Không tìm thấy “" + query + "”.";
    var filtered = FILTERS.some(function (f) { return form.elements[f].value; });
    if (filtered) {
      var clear = el("button", "md-button", "Bỏ bộ lọc và tìm lại");
      clear.type = "button";
      clear.addEventListener("click", function () {
        FILTERS.forEach(function (f) { form.elements[f].value = ""; });
        fillCommunes(form, meta);
        form.dispatchEvent(new Event("input"));
      });
      status.appendChild(document.createTextNode(" Thử bỏ bớt bộ lọc. "));
      status.appendChild(clear);
    } else {
      status.appendChild(document.createTextNode(" Kiểm tra chính tả, hoặc chỉ gõ tên và họ."));
    }
    if (form.dataset.bvReport) {
      status.appendChild(document.createTextNode(" Nếu tên có trong quyết định mà trang chưa ghi: "));
      status.appendChild(reportLink(form.dataset.bvReport, query));
    }
  }

  function start() {
    var form = document.getElementById("bv-lookup");
    if (!form) return;
    var index = new Index(form.dataset.bvIndex);
    var root = form.dataset.bvRoot;
    var status = document.getElementById("bv-lookup-status");
    var list = document.getElementById("bv-lookup-results");
    var moreButton = document.getElementById("bv-lookup-more");
    var params = new URLSearchParams(location.search);
    // The address's query goes in before the index arrives, never after: what is typed meanwhile stays.
    form.elements.q.value = params.get("q") || "";
    if (form.elements.q.value.trim()) status.textContent = "Đang tìm…";
    form.hidden = false;
    var meta = null;
    var pending = 0;
    var state = null;

    function filterValues() {
      var filters = {};
      FILTERS.forEach(function (f) { filters[f] = form.elements[f].value; });
      return filters;
    }

    function done() {
      form.removeAttribute("aria-busy");
      document.dispatchEvent(new CustomEvent("bv-lookup-done"));
    }

    function failed(error) {
      status.textContent = "Không tải được chỉ mục tra cứu (" + error.message + ").";
      form.removeAttribute("aria-busy");
    }

    function showRows(focus) {
      var from = list.children.length;
      state.shown = Math.min(state.shown + SHOWN, state.hits.length);
      state.hits.slice(from, state.shown).forEach(function (hit) { list.appendChild(hitItem(root, state.meta, hit)); });
      status.textContent = describe(state);
      moreButton.hidden = !(state.shown < state.hits.length || state.rest);
      var first = list.children[from];
      if (focus && first) first.querySelector("a").focus();
    }

    function run() {
      var query = form.elements.q.value;
      var filters = filterValues();
      var url = new URLSearchParams();
      if (query.trim()) url.set("q", query.trim());
      FILTERS.forEach(function (f) { if (filters[f]) url.set(f, filters[f]); });
      var address = location.pathname + (url.toString() ? "?" + url.toString() : "");
      history.replaceState(null, "", address);
      var ticket = ++pending;
      form.setAttribute("aria-busy", "true");
      search(index, query, filters).then(function (result) {
        if (ticket !== pending) return;
        list.textContent = "";
        moreButton.hidden = true;
        state = null;
        if (result.empty) {
          status.textContent = "Gõ tên gia đình, dòng họ, thôn, đơn vị hoặc công dân để tra cứu (có dấu hay không dấu đều được).";
        } else if (!result.hits.length) {
          renderEmpty(result, status, form, query.trim());
        } else {
          state = {
            meta: result.meta, query: query, filters: filters, filtered: Object.keys(filters).some(function (k) { return filters[k]; }),
            hits: result.hits, shown: 0, count: result.count, more: result.more, next: result.next, rest: result.rest,
          };
          showRows(false);
        }
        done();
      }).catch(failed);
    }

    // "Xem thêm": the next rows of the matches already ranked, then the next matches from the index.
    function showMore() {
      var shownState = state;
      if (!shownState) return;
      if (shownState.shown < shownState.hits.length || !shownState.rest) {
        showRows(true);
        return;
      }
      var ticket = pending;
      form.setAttribute("aria-busy", "true");
      search(index, shownState.query, shownState.filters, shownState.next).then(function (result) {
        if (ticket !== pending || state !== shownState) return;
        shownState.hits = shownState.hits.concat(result.hits);
        shownState.next = result.next;
        shownState.rest = result.rest;
        if (shownState.filtered) {
          shownState.count += result.hits.length;
          shownState.more = result.more;
        }
        showRows(true);
        done();
      }).catch(failed);
    }

    form.addEventListener("input", function (event) {
      document.documentElement.classList.remove("bv-hits-awaited");
      if (!meta) {
        status.textContent = "Đang tải chỉ mục tra cứu…";
        return;
      }
      if (event.target === form.elements.tinh) fillCommunes(form, meta);
      run();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (meta) run();
    });
    moreButton.addEventListener("click", showMore);
    index.meta().then(function (loaded) {
      meta = loaded;
      fillFilters(form, meta);
      FILTERS.forEach(function (f) { if (params.get(f)) form.elements[f].value = params.get(f); });
      fillCommunes(form, meta);
      FILTERS.forEach(function (f) { if (params.get(f)) form.elements[f].value = params.get(f); });
      var more = form.querySelector("details");
      if (more && FILTERS.some(function (f) { return params.get(f); })) more.open = true;
      run();
    }).catch(failed);
  }

  window.BVLookup = { fold: fold, exactWord: exactWord, queryTerms: queryTerms, search: search, Index: Index };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
