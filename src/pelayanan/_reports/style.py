"""The style sheet of the HTML report: print-friendly, readable on a wall, no web fonts."""

from __future__ import annotations

__all__ = ["CSS"]

CSS = """
:root { --ink: #1c2833; --muted: #5d6d7e; --line: #d5d8dc; --paper: #ffffff;
  --band: #12263a; --soft: #f4f6f8; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: var(--soft); color: var(--ink);
  font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Roboto, "Helvetica Neue", Arial,
  sans-serif; font-size: 15px; line-height: 1.45; }
header.top { background: var(--band); color: #fff; padding: 28px 40px 24px; }
header.top h1 { margin: 0 0 6px; font-size: 30px; font-weight: 700; letter-spacing: .2px; }
header.top p { margin: 0; color: #c9d6e3; font-size: 15px; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 40px; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 20px 24px; margin: 0 0 22px; break-inside: avoid; }
h2 { margin: 0 0 14px; font-size: 20px; }
h3 { margin: 16px 0 8px; font-size: 16px; }
.heroes { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
  gap: 18px; margin-bottom: 22px; }
.lead { display: grid; grid-template-columns: minmax(300px, 1fr) 2fr; gap: 18px;
  margin-bottom: 22px; align-items: stretch; }
.lead section { margin: 0; }
.hero { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 20px 24px; border-top: 8px solid var(--zone); }
.hero .name { font-size: 17px; font-weight: 600; }
.hero .score { font-size: 64px; font-weight: 800; line-height: 1.05; margin: 8px 0;
  color: var(--zone); font-variant-numeric: tabular-nums; }
.hero .meta { color: var(--muted); font-size: 14px; }
.pill { display: inline-block; padding: 2px 10px; border-radius: 999px; font-weight: 700;
  font-size: 13px; white-space: nowrap; }
.up { color: #1e8449; font-weight: 700; } .down { color: #c0392b; font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line);
  vertical-align: middle; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .5px; color: var(--muted);
  font-weight: 700; }
td.num, th.num { text-align: right; }
.nowrap { white-space: nowrap; }
.scroll { overflow-x: auto; }
tr.top-level td { font-weight: 600; }
.scorebar { display: inline-block; height: 10px; border-radius: 5px; vertical-align: middle;
  margin-right: 8px; }
.heat td.cell { text-align: center; font-weight: 600; min-width: 56px; }
.heat th.comp { text-align: center; }
.fixes { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr));
  gap: 14px; }
.fix { border: 1px solid var(--line); border-left: 6px solid var(--zone); border-radius: 8px;
  padding: 12px 14px; }
.fix h3 { margin: 0 0 4px; font-size: 15px; }
.fix .gap { color: var(--muted); font-size: 13px; margin-bottom: 6px; }
table.fixlist td { border: 0; padding: 3px 4px; font-size: 14px; vertical-align: top; }
table.fixlist td.n { color: var(--muted); width: 22px; }
table.fixlist td.lost { text-align: right; color: #c0392b; font-weight: 700;
  white-space: nowrap; }
p.note { color: var(--muted); margin: -6px 0 14px; font-size: 14px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; color: var(--muted);
  margin-top: 8px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px;
  margin-right: 5px; vertical-align: -1px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr));
  gap: 12px 32px; }
svg.chart { width: 100%; height: auto; display: block; }
.trend-legend { margin-top: 10px; padding-left: 0; } .trend-legend li { list-style: none; }
.trend-legend .strong { font-weight: 700; color: var(--ink, #1c2833); }
.gauge-box { margin-top: 18px; } svg.gauge { width: 100%; height: auto; display: block; }
svg.strip { width: 260px; height: 22px; display: block; }
.provs { display: grid; grid-template-columns: repeat(auto-fit, minmax(330px, 1fr));
  gap: 8px 24px; }
.provs h3 { margin-top: 4px; }
dl.prov { display: grid; grid-template-columns: 130px 1fr; gap: 3px 12px; margin: 0;
  font-size: 13px; }
dl.prov dt { color: var(--muted); }
dl.prov dd { margin: 0; word-break: break-all; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 12.5px; }
footer { text-align: center; color: var(--muted); font-size: 13px; padding: 8px 0 28px; }
@media (max-width: 720px) {
  header.top { padding: 20px 16px 18px; } header.top h1 { font-size: 24px; }
  main { padding: 16px 10px 28px; }
  section { padding: 14px 12px; overflow-x: auto; }
  .lead, .heroes, .fixes, .charts, .provs { grid-template-columns: minmax(0, 1fr); }
  svg.chart { min-width: 560px; }
  .hero .score { font-size: 48px; }
  dl.prov { grid-template-columns: 1fr; } }
@media print { body { background: #fff; } main { padding: 0 12px; }
  section, .hero { border-color: #bbb; } }
"""
