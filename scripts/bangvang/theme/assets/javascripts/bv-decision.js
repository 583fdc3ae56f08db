/* Bảng Vàng decision pages: the order switch (STT | Tên, kept in the address as ?xep=ten), the in-page
   filter, and the village links of the jump list.
   The page is built in the signed document's order (STT); each province and place carries its rank in name
   order (data-bv-name), and each list's body its rows' ranks in row order (data-bv-names: one attribute, not
   one a row), from bangvang.core.honours.plan, so sorting never compares names here.
   Rows keep their ids ({slug}-stt-{n}) in both orders: shared links and lookup results land on them.
   Text is folded as bv-lookup.js folds it: NFD, marks stripped, đ → d. */
(function () {
  "use strict";

  var form = document.querySelector(".bv-decision-tools");
  var list = document.querySelector(".bv-decision-list");
  if (!form || !list) return;
  var input = document.getElementById("bv-filter");
  var status = document.getElementById("bv-filter-status");

  function fold(text) {
    return text
      .replace(/[đð]/g, "d")
      .replace(/[ĐÐ]/g, "D")
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  function number(value) {
    return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  var items = Array.prototype.map.call(list.querySelectorAll("tbody > tr[id]"), function (row) {
    /* The village is the third cell's own last text (after a row's own title, if it has one). */
    var village = row.cells[2].lastChild;
    return {
      row: row,
      text: " " + fold(row.cells[0].textContent + " " + row.cells[1].textContent + " " + row.cells[2].textContent),
      village: village && village.nodeType === 3 ? village.textContent : "",
      place: row.closest(".bv-place")
    };
  });

  /* Every parent whose children the switch reorders, with those children in document (STT) order and
     their ranks in name order. */
  var sortable = [];
  function collect(parent, selector, ranks) {
    var children = Array.prototype.filter.call(parent.children, function (child) { return child.matches(selector); });
    if (children.length < 2) return;
    sortable.push([parent, children, ranks || children.map(function (child) { return Number(child.getAttribute("data-bv-name")); })]);
  }
  collect(list, ".bv-province, .bv-place");
  list.querySelectorAll(".bv-province").forEach(function (province) { collect(province, ".bv-place"); });
  list.querySelectorAll("tbody").forEach(function (body) {
    collect(body, "tr[id]", (body.getAttribute("data-bv-names") || "").split(" ").map(Number));
  });

  function sort(byName) {
    sortable.forEach(function (group) {
      var order = group[1].map(function (_, index) { return index; });
      if (byName) order.sort(function (a, b) { return group[2][a] - group[2][b]; });
      order.forEach(function (index) { group[0].appendChild(group[1][index]); });
    });
  }

  /* A village link narrows the list to that village of that place; typing replaces it with the words typed. */
  var scope = null;

  function apply() {
    var words = fold(input.value).split(" ").filter(Boolean);
    var shown = 0;
    var places = new Set();
    items.forEach(function (item) {
      var match = scope
        ? item.place === scope.place && item.village === scope.village
        : words.every(function (word) { return item.text.indexOf(" " + word) >= 0; });
      item.row.hidden = !match;
      if (match) {
        shown += 1;
        places.add(item.place);
      }
    });
    list.querySelectorAll(".bv-place").forEach(function (place) { place.hidden = !places.has(place); });
    list.querySelectorAll(".bv-province").forEach(function (province) {
      province.hidden = !province.querySelector(".bv-place:not([hidden])");
    });
    status.textContent = "Hiển thị " + number(shown) + "/" + number(items.length) + " mục";
  }

  function reveal(target) {
    if (target && target.closest("[hidden]")) {
      scope = null;
      input.value = "";
      apply();
    }
    if (target) target.scrollIntoView();
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", function () {
    scope = null;
    apply();
  });
  form.addEventListener("change", function (event) {
    if (event.target.name !== "xep") return;
    var byName = event.target.value === "ten";
    sort(byName);
    var address = new URL(location.href);
    if (byName) address.searchParams.set("xep", "ten");
    else address.searchParams.delete("xep");
    history.replaceState(history.state, "", address.href);
  });
  document.querySelectorAll(".bv-jump a[data-bv-village]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!heading) return;
      event.preventDefault();
      scope = { place: heading.closest(".bv-place"), village: link.getAttribute("data-bv-village") };
      input.value = scope.village;
      apply();
      heading.scrollIntoView();
    });
  });
  window.addEventListener("hashchange", function () {
    reveal(document.getElementById(decodeURIComponent(location.hash.slice(1))));
  });

  var byName = new URLSearchParams(location.search).get("xep") === "ten";
  form.elements.xep.value = byName ? "ten" : "stt";
  if (byName) {
    sort(true);
    if (location.hash) reveal(document.getElementById(decodeURIComponent(location.hash.slice(1))));
  }
  if (input.value) apply();
  form.setAttribute("data-bv-ready", "");
})();
