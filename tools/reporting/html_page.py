"""One self-contained HTML page: every figure embedded as a base64 PNG data URI.

The page carries a small script that, once the page has loaded, checks every <img> decoded
(complete, naturalWidth > 0) and records the result in <body data-images="ok N/N"> and the
title, so a headless browser can prove the figures display (tests/report).
"""
import base64
import html

CHECK_IMAGES = """<script>
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var shown = images.filter(function (img) { return img.complete && img.naturalWidth > 0; });
  var verdict = (shown.length === images.length ? "ok " : "broken ") + shown.length + "/" + images.length;
  document.body.setAttribute("data-images", verdict);
  document.title = document.title + " [images " + verdict + "]";
});
</script>"""

STYLE = """<style>
body { font-family: sans-serif; max-width: 1400px; margin: 1em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
td, th { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
td:nth-child(2), td:nth-child(3) { white-space: nowrap; }  /* periods and targets on one line */
img { max-width: 100%; border: 1px solid #eee; }
.met { color: #176b1d; } .missed { color: #a11; }
</style>"""


def data_uri(png_bytes):
    return "data:image/png;base64," + base64.b64encode(png_bytes).decode("ascii")


def page(title, run_sets, figures, target_rows):
    """figures: [(Figure, png bytes)]; target_rows: [(Target, [model figure per run set])]."""
    e = html.escape
    parts = ["<!DOCTYPE html>", "<html lang='en'><head><meta charset='utf-8'>",
             f"<title>{e(title)}</title>", STYLE, "</head><body>", f"<h1>{e(title)}</h1>"]
    kind = ("an ensemble" if len(run_sets) == 1 and run_sets[0].is_ensemble else
            "a single run" if len(run_sets) == 1 else
            f"a comparison of {len(run_sets)} run sets (the first is the base)")
    parts.append(f"<p>This report shows {kind}. Ensembles are drawn as a median line with a "
                 "shaded band holding 90% of the replicates (5th to 95th percentile).</p>")
    parts.append("<table><tr><th>run set</th><th>scenario</th><th>seeds</th><th>period</th>"
                 "<th>engine</th></tr>")
    for run_set in run_sets:
        d = run_set.describe()
        parts.append("<tr>" + "".join(f"<td>{e(str(d[k]))}</td>" for k in
                                      ("label", "scenario", "seeds", "period", "engine")) + "</tr>")
    parts.append("</table>")
    if target_rows:
        parts.append("<h2>Published targets</h2><table><tr><th>name</th><th>quantity</th>"
                     "<th>period</th><th>target</th><th>weight</th><th>source</th>" +
                     "".join(f"<th>{e(rs.label)}</th>" for rs in run_sets) + "</tr>")
        for target, model in target_rows:
            if not target.evaluated:
                cells = (f"<td colspan='{len(run_sets)}'>checked by <code>chokepoint fit"
                         "</code></td>")
            else:
                cells = "".join(
                    "<td>no overlap</td>" if m is None else
                    f"<td class='{'met' if target.met_by(m) else 'missed'}'>{m:.3g} "
                    f"({'within' if target.met_by(m) else 'outside'})</td>" for m in model)
            parts.append(f"<tr><td>{e(target.name)}</td><td>{e(target.quantity)}</td>"
                         f"<td>{e(target.period)}</td><td>{e(target.describe())}</td>"
                         f"<td>{target.weight:g}</td><td>{e(target.source)}</td>{cells}</tr>")
        parts.append("</table><p>Model figure: the series' mean over the period, averaged over "
                     "replicates. Targets on quantity expressions (selections, ratios, "
                     "<code>relative_to</code>) are evaluated by <code>chokepoint fit</code>, "
                     "not by this report.</p>")
    for figure, png in figures:
        parts.append(f"<h2 id='{figure.slug}'>{e(figure.title)}</h2><p>{e(figure.caption)}</p>")
        parts.append(f"<img alt='{e(figure.title)}' src='{data_uri(png)}'>")
    parts += [CHECK_IMAGES, "</body></html>"]
    return "\n".join(parts) + "\n"
