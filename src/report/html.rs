//! The report as one self-contained HTML page: inline CSS (`assets/report/report.css`), inline
//! SVG charts, the explorer's data as embedded JSON and its script (`assets/report/explorer.js`).
//! No network reference of any kind; every piece of model text is escaped.
//!
//! Element ids (checked by `tests/report.rs` and `scripts/browser-test.sh`): `overview`,
//! `findings`, `parameters`, `scenarios`, per setting `k` (0 = defaults) `setting-k`,
//! `equilibria-k`, `class-k`, `region-k`, `chart-k`, `correlated-k`; then `regimes`,
//! `comparison` (chart `comparison-chart`), `attrition` (chart `attrition-chart`), `explorer`
//! (`explorer-data`, `explorer-controls`, `explorer-output`). A skipped part keeps its id on a
//! paragraph of class `skipped` that says why.

use super::{EqView, Explorer, Part, Report};
use crate::num::fmt_q;
use crate::output::with_decimal;
use serde::Serialize;
use std::fmt::Write;

/// The stylesheet, inlined.
pub const CSS: &str = include_str!("../../assets/report/report.css");

/// The explorer script, inlined.
pub const EXPLORER_JS: &str = include_str!("../../assets/report/explorer.js");

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The explorer's data as JSON, safe to embed in a `<script type="application/json">` element
/// (`<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`).
pub fn explorer_json(ex: &Explorer, model: &str) -> String {
    #[derive(Serialize)]
    struct Eq<'a> {
        kind: &'a str,
        rows: &'a [Vec<String>],
        lines: &'a [String],
    }
    #[derive(Serialize)]
    struct Point<'a> {
        regime: &'a str,
        total: usize,
        eqs: Vec<Eq<'a>>,
    }
    #[derive(Serialize)]
    struct Param<'a> {
        name: &'a str,
        meaning: &'a str,
        values: Vec<String>,
        default: usize,
        points: Vec<Point<'a>>,
        notes: &'a [String],
    }
    #[derive(Serialize)]
    struct Axis<'a> {
        name: &'a str,
        meaning: &'a str,
        values: Vec<String>,
        default: usize,
    }
    #[derive(Serialize)]
    struct GridPt<'a> {
        regime: &'a str,
        total: usize,
        eqs: Vec<Eq<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<&'a str>,
    }
    #[derive(Serialize)]
    struct Product<'a> {
        params: Vec<Axis<'a>>,
        points: Vec<GridPt<'a>>,
    }
    #[derive(Serialize)]
    struct Data<'a> {
        model: &'a str,
        header: &'a [String],
        params: Vec<Param<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        product: Option<Product<'a>>,
    }
    fn eq(e: &EqView) -> Eq<'_> {
        Eq { kind: &e.kind, rows: &e.rows, lines: &e.lines }
    }
    let product = ex.product.as_ref().map(|g| Product {
        params: g
            .axes
            .iter()
            .map(|a| Axis {
                name: &a.name,
                meaning: &a.meaning,
                values: a.values.iter().map(fmt_q).collect(),
                default: a.default_index,
            })
            .collect(),
        points: g
            .points
            .iter()
            .map(|pt| GridPt {
                regime: &pt.regime,
                total: pt.total,
                eqs: pt.equilibria.iter().map(eq).collect(),
                error: pt.error.as_deref(),
            })
            .collect(),
    });
    let data = Data {
        model,
        product,
        header: &ex.header,
        params: ex
            .parameters
            .iter()
            .map(|p| Param {
                name: &p.name,
                meaning: &p.meaning,
                values: p.points.iter().map(|pt| fmt_q(&pt.value)).collect(),
                default: p.default_index,
                points: p
                    .points
                    .iter()
                    .map(|pt| Point {
                        regime: &pt.regime,
                        total: pt.total,
                        eqs: pt.equilibria.iter().map(eq).collect(),
                    })
                    .collect(),
                notes: &p.notes,
            })
            .collect(),
    };
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".into());
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

fn skipped(out: &mut String, id: &str, why: &str) {
    let _ = writeln!(out, "<p class=\"skipped\" id=\"{id}\">{}</p>", esc(why));
}

fn eq_tables(out: &mut String, header: &[String], eqs: &[EqView], total: usize) {
    for (k, e) in eqs.iter().enumerate() {
        let _ = writeln!(out, "<table class=\"eq\"><caption>Equilibrium {} ({})</caption>", k + 1, esc(&e.kind));
        out.push_str("<thead><tr>");
        for h in header {
            let _ = write!(out, "<th>{}</th>", esc(h));
        }
        out.push_str("</tr></thead><tbody>\n");
        for r in &e.rows {
            out.push_str("<tr>");
            for c in r {
                let _ = write!(out, "<td>{}</td>", esc(c));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
        for l in &e.lines {
            let _ = writeln!(out, "<p class=\"eq-line\">{}</p>", esc(l));
        }
    }
    if total > eqs.len() {
        let _ = writeln!(
            out,
            "<p class=\"note\">… and {} more (the first {} of {total} are shown; <code>standoff solve</code> lists all).</p>",
            total - eqs.len(),
            eqs.len()
        );
    }
}

fn figure(out: &mut String, id: &str, caption: &str, svg: &str) {
    let _ = writeln!(
        out,
        "<figure class=\"chart\" id=\"{id}\">\n{svg}\n<figcaption>{}</figcaption></figure>",
        esc(caption)
    );
}

fn list(out: &mut String, class: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "<ul class=\"{class}\">");
    for i in items {
        let _ = writeln!(out, "<li>{}</li>", esc(i));
    }
    out.push_str("</ul>\n");
}

/// Renders the report as one HTML page.
pub fn render(r: &Report) -> String {
    let mut o = String::with_capacity(256 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"standoff {}\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&r.title)
    );
    // Overview and contents.
    let _ = writeln!(o, "<header id=\"overview\">\n<h1>{}</h1>", esc(&r.title));
    let _ = writeln!(
        o,
        "<p class=\"meta\"><code>{}</code> · {} · players: {}</p>",
        esc(&r.file),
        esc(r.kind.describe()),
        esc(&r.players.join(", "))
    );
    for para in r.description.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let _ = writeln!(o, "<p class=\"description\">{}</p>", esc(para.trim()));
    }
    o.push_str("<nav id=\"toc\"><ul>\n<li><a href=\"#findings\">What this means</a></li>\n");
    o.push_str("<li><a href=\"#parameters\">Parameters</a></li>\n<li><a href=\"#scenarios\">Scenarios</a></li>\n");
    for (k, s) in r.settings.iter().enumerate() {
        let _ = writeln!(o, "<li><a href=\"#setting-{k}\">{}</a></li>", esc(&setting_title(&s.label)));
    }
    o.push_str("<li><a href=\"#regimes\">Regime table</a></li>\n<li><a href=\"#comparison\">Comparison</a></li>\n");
    if r.attrition.is_some() {
        o.push_str("<li><a href=\"#attrition\">War of attrition</a></li>\n");
    }
    o.push_str("<li><a href=\"#explorer\">Parameter explorer</a></li>\n</ul></nav>\n</header>\n<main>\n");

    // What this means.
    o.push_str("<section id=\"findings\">\n<h2>What this means</h2>\n");
    let mut all: Vec<String> = r.settings.first().map(|s| s.findings.clone()).unwrap_or_default();
    all.extend(r.findings.iter().cloned());
    if all.is_empty() {
        o.push_str("<p class=\"note\">No findings could be derived.</p>\n");
    }
    list(&mut o, "findings", &all);
    o.push_str("</section>\n");

    // Parameters and scenarios.
    o.push_str("<section id=\"parameters\">\n<h2>Parameters</h2>\n");
    if r.parameters.is_empty() {
        o.push_str("<p class=\"note\">The model has no parameters.</p>\n");
    } else {
        o.push_str("<table class=\"params\"><thead><tr><th>Name</th><th>Default</th><th>Range</th><th>Meaning</th></tr></thead><tbody>\n");
        for p in &r.parameters {
            let range = p.range.as_ref().map_or("—".to_string(), |(a, b)| format!("{} .. {}", fmt_q(a), fmt_q(b)));
            let _ = writeln!(
                o,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&p.name),
                esc(&fmt_q(&p.default)),
                esc(&range),
                esc(&p.meaning)
            );
        }
        o.push_str("</tbody></table>\n");
    }
    o.push_str("</section>\n<section id=\"scenarios\">\n<h2>Scenarios</h2>\n");
    if r.scenarios.is_empty() {
        o.push_str("<p class=\"note\">The model declares no scenarios.</p>\n");
    } else {
        o.push_str("<table class=\"scenarios\"><thead><tr><th>Scenario</th><th>Description</th><th>Sets</th></tr></thead><tbody>\n");
        for s in &r.scenarios {
            let sets: Vec<String> = s.set.iter().map(|(k, v)| format!("{k} = {}", fmt_q(v))).collect();
            let _ = writeln!(
                o,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                esc(&s.name),
                esc(&s.description),
                esc(&sets.join(", "))
            );
        }
        o.push_str("</tbody></table>\n");
    }
    o.push_str("</section>\n");

    for (k, s) in r.settings.iter().enumerate() {
        setting_section(&mut o, k, s, r);
    }
    regimes_section(&mut o, r);
    comparison_section(&mut o, r);
    if let Some(a) = &r.attrition {
        attrition_section(&mut o, a);
    }
    explorer_section(&mut o, r);
    let _ = writeln!(
        o,
        "</main>\n<footer><p>Generated by <code>standoff report {}</code> (standoff {}). Every number is exact \
         (decimals in parentheses are rounded for reading); every equilibrium is verified with regret 0.</p></footer>\n</body>\n</html>",
        esc(&r.file),
        env!("CARGO_PKG_VERSION")
    );
    o
}

fn setting_title(label: &str) -> String {
    if label == "defaults" {
        "Defaults".into()
    } else {
        format!("Scenario {label}")
    }
}

fn setting_section(o: &mut String, k: usize, s: &super::SettingReport, r: &Report) {
    let _ = writeln!(o, "<section class=\"setting\" id=\"setting-{k}\">\n<h2>{}</h2>", esc(&setting_title(&s.label)));
    if let Some(sc) = &s.scenario {
        if !sc.description.is_empty() {
            let _ = writeln!(o, "<p class=\"description\">{}</p>", esc(&sc.description));
        }
    }
    let changed: Vec<String> = s
        .values
        .iter()
        .zip(&r.parameters)
        .filter(|((_, v), p)| *v != p.default)
        .map(|((n, v), _)| format!("{n} = {}", fmt_q(v)))
        .collect();
    if !changed.is_empty() {
        let _ = writeln!(o, "<p class=\"meta\">Parameters changed from the defaults: {}</p>", esc(&changed.join(", ")));
    }
    let cmd = match &s.scenario {
        Some(sc) => format!("standoff solve {} --scenario {}", r.file, sc.name),
        None => format!("standoff solve {}", r.file),
    };
    let _ = writeln!(o, "<h3>Equilibria</h3>\n<p class=\"meta\">Reproduce: <code>{}</code></p>", esc(&cmd));
    match &s.equilibria {
        Part::Done(v) => {
            let _ = writeln!(o, "<div class=\"equilibria\" id=\"equilibria-{k}\" data-count=\"{}\">", v.total);
            let _ = writeln!(
                o,
                "<p class=\"meta\">Method {}: {} equilibri{}, exact (decimals rounded).</p>",
                esc(&v.method),
                v.total,
                if v.total == 1 { "um" } else { "a" }
            );
            eq_tables(o, &v.header, &v.shown, v.total);
            if !v.notes.is_empty() {
                list(o, "notes", &v.notes);
            }
            o.push_str("</div>\n");
        }
        Part::Skipped(why) => skipped(o, &format!("equilibria-{k}"), why),
    }
    o.push_str("<h3>Ordinal class</h3>\n");
    match &s.class {
        Part::Done(c) => {
            let _ = writeln!(o, "<div id=\"class-{k}\" class=\"class\"><p><strong>{}</strong>", esc(&c.name));
            if !c.player_types.is_empty() {
                let _ = write!(o, " — preference types: {}", esc(&c.player_types.join(", ")));
            }
            o.push_str("</p>\n");
            list(o, "facts", &c.facts);
            o.push_str("</div>\n");
        }
        Part::Skipped(why) => skipped(o, &format!("class-{k}"), why),
    }
    o.push_str("<h3>Charts</h3>\n<div class=\"charts\">\n");
    match &s.region {
        Part::Done(svg) => figure(
            o,
            &format!("region-{k}"),
            "Payoff region: feasible set, individually rational part, Pareto frontier, Nash and correlated equilibria",
            svg,
        ),
        Part::Skipped(why) => skipped(o, &format!("region-{k}"), why),
    }
    match &s.chart {
        Part::Done((caption, svg)) => figure(o, &format!("chart-{k}"), caption, svg),
        Part::Skipped(why) => skipped(o, &format!("chart-{k}"), why),
    }
    o.push_str("</div>\n<h3>Correlated equilibrium</h3>\n");
    match &s.correlated {
        Part::Done(c) => {
            let pays: Vec<String> =
                r.players.iter().zip(&c.payoffs).map(|(p, v)| format!("{p} {}", with_decimal(v))).collect();
            let dist: Vec<String> = c.distribution.iter().map(|(l, p)| format!("{l} {}", fmt_q(p))).collect();
            let _ = writeln!(
                o,
                "<div id=\"correlated-{k}\" class=\"correlated\"><p>The welfare-maximising correlated equilibrium \
                 (a mediator privately recommends profiles): payoffs {}.</p><p>Recommendations: {}.</p></div>",
                esc(&pays.join(", ")),
                esc(&dist.join(", "))
            );
        }
        Part::Skipped(why) => skipped(o, &format!("correlated-{k}"), why),
    }
    if !s.findings.is_empty() {
        o.push_str("<h3>What this means</h3>\n");
        list(o, "findings", &s.findings);
    }
    o.push_str("</section>\n");
}

fn regimes_section(o: &mut String, r: &Report) {
    o.push_str("<section id=\"regimes\">\n<h2>Regime table: where the outcome changes</h2>\n");
    match &r.regimes {
        Part::Skipped(why) => skipped(o, "regimes-table", why),
        Part::Done(rows) => {
            let _ = writeln!(
                o,
                "<p class=\"meta\">Each parameter over its declared range, the others at their defaults \
                 (<code>standoff thresholds {} --param NAME=LO:HI</code>). Exact boundaries are fractions; \
                 bisected ones are marked ≈.</p>",
                esc(&r.file)
            );
            o.push_str(
                "<table class=\"regimes\" id=\"regimes-table\"><thead><tr><th>Parameter</th><th>Range</th>\
                 <th>Boundaries</th><th>Regimes (from low to high)</th></tr></thead><tbody>\n",
            );
            for row in rows {
                match &row.thresholds {
                    Part::Done(t) => {
                        let bounds = super::boundary_texts(t);
                        let intervals = super::interval_texts(t);
                        let _ = write!(
                            o,
                            "<tr data-param=\"{}\" data-exact=\"{}\"><td><code>{}</code></td><td>{} .. {}</td><td class=\"bounds\">{}</td><td><ul>",
                            esc(&row.parameter),
                            t.exact,
                            esc(&row.parameter),
                            esc(&fmt_q(&t.start)),
                            esc(&fmt_q(&t.stop)),
                            if bounds.is_empty() { "none".to_string() } else { esc(&bounds.join(", ")) }
                        );
                        for i in intervals {
                            let _ = write!(o, "<li>{}</li>", esc(&i));
                        }
                        o.push_str("</ul></td></tr>\n");
                    }
                    Part::Skipped(why) => {
                        let _ = writeln!(
                            o,
                            "<tr data-param=\"{}\"><td><code>{}</code></td><td colspan=\"3\" class=\"skipped\">{}</td></tr>",
                            esc(&row.parameter),
                            esc(&row.parameter),
                            esc(why)
                        );
                    }
                }
            }
            o.push_str("</tbody></table>\n");
        }
    }
    o.push_str("</section>\n");
}

fn comparison_section(o: &mut String, r: &Report) {
    o.push_str("<section id=\"comparison\">\n<h2>Scenario comparison</h2>\n");
    match &r.comparison {
        Part::Skipped(why) => skipped(o, "comparison-chart", why),
        Part::Done(c) => {
            match &c.svg {
                Part::Done(svg) => figure(
                    o,
                    "comparison-chart",
                    "Each equilibrium's payoffs and outcome distribution, side by side",
                    svg,
                ),
                Part::Skipped(why) => skipped(o, "comparison-chart", why),
            }
            o.push_str("<table class=\"comparison\"><thead><tr><th>Column</th><th>Regime</th><th>Equilibria</th></tr></thead><tbody>\n");
            for col in &c.comparison.columns {
                let _ = writeln!(
                    o,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                    esc(&col.label),
                    esc(&col.regime),
                    esc(&col.labels.join("; "))
                );
            }
            o.push_str("</tbody></table>\n");
            let changes: Vec<String> = c
                .comparison
                .columns
                .iter()
                .skip(1)
                .zip(&c.comparison.changes)
                .flat_map(|(col, ch)| ch.iter().map(move |x| format!("{}: {x}", col.label)))
                .collect();
            list(o, "changes", &changes);
        }
    }
    o.push_str("</section>\n");
}

fn attrition_section(o: &mut String, a: &Part<super::AttritionSection>) {
    o.push_str("<section id=\"attrition\">\n<h2>War of attrition</h2>\n");
    match a {
        Part::Skipped(why) => skipped(o, "attrition-chart", why),
        Part::Done(a) => {
            match &a.svg {
                Part::Done(svg) => {
                    figure(o, "attrition-chart", "Survival of the standoff and concession per period", svg)
                }
                Part::Skipped(why) => skipped(o, "attrition-chart", why),
            }
            o.push_str(
                "<table class=\"attrition\"><thead><tr><th>Setting</th><th>SPE</th><th>First to concede</th>\
                 <th>Both at once</th><th>Still on at the horizon</th><th>Expected duration</th><th>Payoffs</th></tr></thead><tbody>\n",
            );
            for s in &a.settings {
                for (kind, an) in &s.equilibria {
                    let first = super::first_to_concede_texts(an);
                    let pays: Vec<String> =
                        an.players.iter().zip(&an.payoffs).map(|(p, q)| format!("{p} {}", with_decimal(q))).collect();
                    let _ = writeln!(
                        o,
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        esc(&s.label),
                        esc(kind),
                        esc(&first.join(", ")),
                        esc(&with_decimal(&an.both_at_once)),
                        esc(&with_decimal(&an.reaches_horizon)),
                        esc(&with_decimal(&an.expected_duration)),
                        esc(&pays.join(", "))
                    );
                }
            }
            o.push_str("</tbody></table>\n");
        }
    }
    o.push_str("</section>\n");
}

fn explorer_section(o: &mut String, r: &Report) {
    o.push_str("<section id=\"explorer\">\n<h2>Parameter explorer</h2>\n");
    match &r.explorer {
        Part::Skipped(why) => {
            skipped(o, "explorer-output", why);
        }
        Part::Done(ex) if ex.product.is_some() => {
            let _ = writeln!(
                o,
                "<p class=\"meta\">All parameters together: every combination of the grid values listed under \
                 the sliders (evenly spaced over each declared range, plus the default) was solved exactly in \
                 advance by the sweep engine. What is shown is what <code>standoff solve {} --set NAME=VALUE \
                 --set …</code> prints at the sliders' values.</p>",
                esc(&r.file)
            );
            list(o, "notes", &ex.notes);
            explorer_body(o, ex, &r.file);
        }
        Part::Done(ex) => {
            let _ = writeln!(
                o,
                "<p class=\"meta\">One parameter at a time, the others at their defaults: each slider snaps to \
                 the grid points listed under it (evenly spaced over the declared range, plus the default), \
                 solved exactly in advance by the sweep engine. Moving a slider puts the other sliders back \
                 to their defaults. What is shown at a point is what <code>standoff solve {} --set NAME=VALUE</code> \
                 prints there.</p>",
                esc(&r.file)
            );
            list(o, "notes", &ex.notes);
            explorer_body(o, ex, &r.file);
        }
    }
    o.push_str("</section>\n");
}

fn explorer_body(o: &mut String, ex: &Explorer, file: &str) {
    o.push_str(
        "<div id=\"explorer-controls\" class=\"controls\"></div>\n<div id=\"explorer-output\" aria-live=\"polite\">\
         <noscript><p class=\"skipped\">The explorer needs JavaScript.</p></noscript></div>\n",
    );
    let _ = writeln!(
        o,
        "<script type=\"application/json\" id=\"explorer-data\">{}</script>\n<script>\n{EXPLORER_JS}</script>",
        explorer_json(ex, file)
    );
}
