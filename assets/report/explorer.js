// standoff report: the parameter explorer. Plain JavaScript, no framework, no network.
// The data (#explorer-data) holds, for each parameter, its grid of exact values and the
// equilibria solved at each grid point (the other parameters at their defaults); or, when the
// report built it, the product grid: every combination of the parameters' grid values.
(function () {
  "use strict";
  var dataEl = document.getElementById("explorer-data");
  var controls = document.getElementById("explorer-controls");
  var output = document.getElementById("explorer-output");
  if (!dataEl || !controls || !output) { return; }
  var data = JSON.parse(dataEl.textContent);
  var sliders = [];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function show(p, k) {
    var param = data.params[p];
    var point = param.points[k];
    output.textContent = "";
    var head = el("p", { id: "explorer-point", "data-param": param.name, "data-value": param.values[k] });
    head.appendChild(el("strong", null, param.name + " = " + param.values[k]));
    head.appendChild(document.createTextNode(" (others at their defaults) — regime: " + point.regime));
    output.appendChild(head);
    output.appendChild(el("p", { "class": "meta" }, point.total + (point.total === 1 ? " equilibrium" : " equilibria") +
      " — standoff solve " + data.model + " --set " + param.name + "=" + param.values[k]));
    showEquilibria(point);
  }

  // Product grid: every slider counts; the point's index is row-major (last parameter fastest).
  function showProduct() {
    var axes = data.product.params, index = 0, sets = [];
    sliders.forEach(function (s, q) {
      var k = Number(s.input.value);
      index = index * axes[q].values.length + k;
      s.out.value = axes[q].values[k];
      sets.push(axes[q].name + "=" + axes[q].values[k]);
    });
    var point = data.product.points[index];
    output.textContent = "";
    var head = el("p", { id: "explorer-point", "data-set": sets.join(" ") });
    head.appendChild(el("strong", null, sets.join(", ")));
    head.appendChild(document.createTextNode(" — regime: " + (point.error ? "(not solved)" : point.regime)));
    output.appendChild(head);
    if (point.error) { output.appendChild(el("p", { "class": "note" }, point.error)); return; }
    output.appendChild(el("p", { "class": "meta" }, point.total + (point.total === 1 ? " equilibrium" : " equilibria") +
      " — standoff solve " + data.model + " --set " + sets.join(" --set ")));
    showEquilibria(point);
  }

  function showEquilibria(point) {
    point.eqs.forEach(function (eq, i) {
      var t = el("table", { "class": "eq explorer-eq" });
      t.appendChild(el("caption", null, "Equilibrium " + (i + 1) + " (" + eq.kind + ")"));
      var thead = el("thead"), tr = el("tr");
      data.header.forEach(function (h) { tr.appendChild(el("th", null, h)); });
      thead.appendChild(tr);
      t.appendChild(thead);
      var tbody = el("tbody");
      eq.rows.forEach(function (row) {
        var r = el("tr");
        row.forEach(function (c) { r.appendChild(el("td", null, c)); });
        tbody.appendChild(r);
      });
      t.appendChild(tbody);
      output.appendChild(t);
      eq.lines.forEach(function (l) { output.appendChild(el("p", { "class": "eq-line" }, l)); });
    });
    if (point.total > point.eqs.length) {
      output.appendChild(el("p", { "class": "note" }, "… and " + (point.total - point.eqs.length) + " more."));
    }
  }

  function moved(p) {
    sliders.forEach(function (s, q) {
      if (q !== p) { s.input.value = String(data.params[q]["default"]); }
      s.out.value = data.params[q].values[Number(s.input.value)];
      s.label.classList.toggle("active", q === p);
    });
    show(p, Number(sliders[p].input.value));
  }

  if (data.product) {
    data.product.params.forEach(function (axis) {
      var id = "slider-" + axis.name;
      var label = el("label", { "for": id, title: axis.meaning }, axis.name);
      var input = el("input", { type: "range", id: id, "data-param": axis.name, min: "0",
        max: String(Math.max(axis.values.length - 1, 0)), step: "1", value: String(axis["default"]) });
      var out = el("output", { "for": id, id: "value-" + axis.name }, axis.values[axis["default"]]);
      input.addEventListener("input", showProduct);
      controls.appendChild(label);
      controls.appendChild(input);
      controls.appendChild(out);
      controls.appendChild(el("div", { "class": "grid" }, "grid: " + axis.values.join(", ") +
        (axis.meaning ? " — " + axis.meaning : "")));
      sliders.push({ input: input, out: out, label: label });
    });
    showProduct();
    return;
  }

  data.params.forEach(function (param, p) {
    var id = "slider-" + param.name;
    var label = el("label", { "for": id, title: param.meaning }, param.name);
    var input = el("input", { type: "range", id: id, "data-param": param.name, min: "0",
      max: String(Math.max(param.values.length - 1, 0)), step: "1", value: String(param["default"]) });
    var out = el("output", { "for": id, id: "value-" + param.name }, param.values[param["default"]]);
    input.addEventListener("input", function () { moved(p); });
    controls.appendChild(label);
    controls.appendChild(input);
    controls.appendChild(out);
    var grid = "grid: " + param.values.join(", ") + (param.meaning ? " — " + param.meaning : "");
    param.notes.forEach(function (n) { grid += " (" + n + ")"; });
    controls.appendChild(el("div", { "class": "grid" }, grid));
    sliders.push({ input: input, out: out, label: label });
  });
  if (sliders.length > 0) { moved(0); } else {
    output.textContent = "No parameter has a declared range, so there is nothing to explore.";
  }
}());
