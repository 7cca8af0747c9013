// Kronika's web UI works without this script. It adds three things:
// entity suggestions under the search boxes (from /api/v1/entities),
// a range brushed across a date chart's bars, and filtering the values
// of a long facet list as one types.
(function () {
  "use strict";

  var typeNames = { person: "osoba", institution: "instytucja", place: "miejsce" };

  // fold removes case, Polish letters and other diacritics, as the
  // archive's keys do.
  function fold(s) {
    return s.toLowerCase().replace(/ł/g, "l").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function entityHref(e) {
    return "/entity/" + e.type + "/" + encodeURIComponent(e.name);
  }

  // Autocomplete: a combobox over the search box (WAI-ARIA pattern).
  // Arrow keys move through the names, Enter opens the chosen name's
  // page, Escape closes the list; Enter without a choice searches.
  function autocomplete(input) {
    var box = input.parentNode;
    var list = document.createElement("ul");
    var id = input.id + "-suggestions";
    var items = [];
    var active = -1;
    var timer = 0;
    var seq = 0;
    list.id = id;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Podpowiedzi: osoby, instytucje, miejsca");
    list.hidden = true;
    box.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(i) {
      active = i;
      for (var k = 0; k < list.children.length; k++) {
        list.children[k].setAttribute("aria-selected", k === i ? "true" : "false");
      }
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", list.children[i].id);
        list.children[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(entities) {
      items = entities;
      list.textContent = "";
      entities.forEach(function (e, i) {
        var li = document.createElement("li");
        li.id = id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.textContent = e.name;
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = (typeNames[e.type] || e.type) + ", " + e.count;
        li.appendChild(name);
        li.appendChild(kind);
        li.addEventListener("mousedown", function (ev) {
          ev.preventDefault();
          location.href = entityHref(e);
        });
        list.appendChild(li);
      });
      list.hidden = entities.length === 0;
      input.setAttribute("aria-expanded", entities.length ? "true" : "false");
      active = -1;
    }

    // The suggestions follow the word being typed: the last one, or the
    // value of a field such as person:Lab.
    function prefix() {
      var words = input.value.trim().split(/\s+/);
      var w = words[words.length - 1] || "";
      w = w.replace(/^[-+("]+/, "").replace(/^(person|institution|place):"?/i, "");
      return w;
    }

    function suggest() {
      var p = prefix();
      if (fold(p).length < 2) {
        close();
        return;
      }
      var mine = ++seq;
      fetch(input.getAttribute("data-autocomplete") + "?size=8&prefix=" + encodeURIComponent(p), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { entities: [] }; })
        .then(function (data) { if (mine === seq) { show(data.entities || []); } })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 120);
    });
    input.addEventListener("keydown", function (ev) {
      if (list.hidden) { return; }
      if (ev.key === "ArrowDown") {
        ev.preventDefault();
        mark((active + 1) % items.length);
      } else if (ev.key === "ArrowUp") {
        ev.preventDefault();
        mark(active <= 0 ? items.length - 1 : active - 1);
      } else if (ev.key === "Enter" && active >= 0) {
        ev.preventDefault();
        location.href = entityHref(items[active]);
      } else if (ev.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  // Brush: dragging across a chart's bars selects a range of periods
  // and sets the chart's date filters to it; a click still follows the
  // bar's own link.
  function brush(svg) {
    var keys = (svg.getAttribute("data-keys") || "").split(",");
    if (keys.length < 2) { return; }
    var ns = "http://www.w3.org/2000/svg";
    var rect = null;
    var start = -1;
    var end = -1;
    var moved = false;

    function at(ev) {
      var box = svg.getBoundingClientRect();
      var i = Math.floor((ev.clientX - box.left) / box.width * keys.length);
      return Math.max(0, Math.min(keys.length - 1, i));
    }
    function draw() {
      var a = Math.min(start, end);
      var b = Math.max(start, end);
      rect.setAttribute("x", a * 10);
      rect.setAttribute("width", (b - a + 1) * 10);
    }
    svg.addEventListener("pointerdown", function (ev) {
      if (ev.button !== 0) { return; }
      start = end = at(ev);
      moved = false;
      rect = document.createElementNS(ns, "rect");
      rect.setAttribute("class", "brush");
      rect.setAttribute("y", 0);
      rect.setAttribute("height", 100);
      svg.appendChild(rect);
      draw();
    });
    svg.addEventListener("pointermove", function (ev) {
      if (!rect) { return; }
      var i = at(ev);
      if (i !== end) {
        end = i;
        if (!moved) {
          // Only a drag holds the pointer: a click must reach the bar's link.
          moved = true;
          svg.setPointerCapture(ev.pointerId);
        }
        draw();
      }
    });
    // A link pressed and moved would start dragging the link itself.
    svg.addEventListener("dragstart", function (ev) { ev.preventDefault(); });
    svg.addEventListener("pointercancel", function () {
      if (rect) { svg.removeChild(rect); rect = null; }
      moved = false;
    });
    svg.addEventListener("pointerup", function () {
      if (!rect) { return; }
      svg.removeChild(rect);
      rect = null;
      if (!moved || start === end) { return; }
      var a = keys[Math.min(start, end)];
      var b = keys[Math.max(start, end)];
      var base = svg.getAttribute("data-base");
      var sep = base.indexOf("?") < 0 ? "?" : "&";
      location.href = base + sep + encodeURIComponent(svg.getAttribute("data-from")) + "=" + a +
        "&" + encodeURIComponent(svg.getAttribute("data-to")) + "=" + b;
    });
    // A drag ends in a click on a bar's link, which must not win.
    svg.addEventListener("click", function (ev) {
      if (moved) { ev.preventDefault(); moved = false; }
    }, true);
  }

  // Filtering a list of facet values in place.
  function filterList(input) {
    var list = document.getElementById(input.getAttribute("data-filter-list"));
    if (!list) { return; }
    var status = document.getElementById(input.getAttribute("data-filter-status"));
    input.addEventListener("input", function () {
      var q = fold(input.value.trim());
      var shown = 0;
      Array.prototype.forEach.call(list.children, function (li) {
        var hit = fold(li.getAttribute("data-value") || li.textContent).indexOf(q) >= 0;
        li.hidden = !hit;
        if (hit) { shown++; }
      });
      if (status) { status.textContent = "Widoczne: " + shown; }
    });
  }

  // Selects that say so submit their form when changed.
  function autosubmit(select) {
    select.addEventListener("change", function () { select.form.submit(); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(autocomplete);
  document.querySelectorAll("svg[data-keys]").forEach(brush);
  document.querySelectorAll("input[data-filter-list]").forEach(filterList);
  document.querySelectorAll("select[data-autosubmit]").forEach(autosubmit);
})();
