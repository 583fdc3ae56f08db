/* Bảng Vàng rows: each row's "Báo sai sót" link, built from the row itself when a reader reaches it.
   Pages carry no link per row (a province's lists hold hundreds of thousands of rows): the page's own link
   (p.bv-roll-fix, which works without scripts) gives the site's corrections address (data-bv-fix) and,
   on a decision's pages, its number (data-bv-so); a place page's row is in a section (.bv-signed) whose
   heading links to its decision's page and names the decision.
   The address is prefilled as bangvang.core.honours.corrections prefills it: an e-mail subject with the
   decision, STT and name, or a form address with {so}, {stt}, {ten} and {trang} (the row's address). */
(function () {
  "use strict";

  var page = document.querySelector(".bv-roll-fix a[data-bv-fix]");
  if (!page) return;
  var target = page.getAttribute("data-bv-fix");
  var pageNumber = page.getAttribute("data-bv-so");
  var here = location.href.split(/[?#]/)[0];
  /* Characters an e-mail subject must not hold raw; accents stay (an href is an IRI). */
  var ESCAPES = { "%": "%25", " ": "%20", '"': "%22", "#": "%23", "&": "%26", "<": "%3C", ">": "%3E", "?": "%3F", "\n": "%0A", "\r": "%0D" };

  function mailtoText(text) {
    return text.replace(/[% "#&<>?\n\r]/g, function (c) { return ESCAPES[c]; });
  }

  function linkOf(row) {
    var cells = row.cells;
    var section = row.closest(".bv-signed");
    var decision = section ? section.querySelector("h2 a") : null;
    var number = decision ? decision.querySelector(".bv-no").textContent : pageNumber;
    var stt = cells[0].textContent;
    var name = cells[1].firstChild ? cells[1].firstChild.textContent : "";
    if (target.indexOf("mailto:") === 0) {
      return target + "?subject=" + mailtoText("Sai sót QĐ " + number + " STT " + stt + ": " + name);
    }
    var address = (decision ? decision.href.split("#")[0] : here) + "#" + row.id;
    return target.replace(/\{so\}/g, encodeURIComponent(number)).replace(/\{stt\}/g, encodeURIComponent(stt))
      .replace(/\{ten\}/g, encodeURIComponent(name)).replace(/\{trang\}/g, encodeURIComponent(address));
  }

  /* Every row gets its link, pointing at the page's until reached: focus, pointer or click fills it in. */
  var model = document.createElement("a");
  model.className = "bv-roll__fix";
  model.rel = "nofollow";
  model.href = page.href;
  model.textContent = "Báo sai sót";
  document.querySelectorAll(".bv-roll tbody > tr[id]").forEach(function (row) {
    var cell = row.cells[row.cells.length - 1];
    cell.appendChild(document.createTextNode(" "));
    cell.appendChild(model.cloneNode(true));
  });

  function fill(event) {
    var link = event.target.closest && event.target.closest("a.bv-roll__fix");
    if (link && !link.hasAttribute("data-bv-row")) {
      link.href = linkOf(link.closest("tr"));
      link.setAttribute("data-bv-row", "");
    }
  }
  ["focusin", "pointerover", "mousedown", "touchstart", "click", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, fill, { capture: true, passive: true });
  });
})();
