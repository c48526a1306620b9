namespace Wayfinder.Reporting;

/// <summary>
/// The report's one style sheet, inline: system fonts only, no <c>url()</c>,
/// no import. The drawings take their colours from here, by class.
/// </summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { --ink: #1d2733; --muted: #5b6775; --line: #d5dbe3; --panel: #f6f8fa; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; margin: 0 auto; max-width: 1320px; padding: 16px 24px 48px; }
        h1 { font-size: 24px; margin: 8px 0 0; }
        h2 { font-size: 19px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 36px; }
        h3 { font-size: 16px; margin: 24px 0 4px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        .muted { color: var(--muted); margin: 4px 0 8px; }
        code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
        table { border-collapse: collapse; margin: 6px 0 12px; }
        th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
        thead th, table.figures th { background: var(--panel); font-weight: 600; }
        table.figures td { text-align: right; min-width: 4em; }
        td.error { color: #b3261e; font-weight: 600; }
        td.warning { color: #8a5a00; font-weight: 600; }
        td.pass { color: #2e7d32; }
        table.findings td:nth-child(4), table.cases td:nth-child(2) { max-width: 60ch; overflow-wrap: anywhere; }
        table.matrix td { text-align: center; min-width: 2.5em; }
        table.matrix td.hit { background: #e3f1e3; }
        table.matrix td.miss { background: #fbe3e0; }
        table.matrix caption { caption-side: top; text-align: left; color: var(--muted); padding-bottom: 4px; }
        nav ol { margin: 4px 0; }
        nav ol.packs { columns: 3 18em; font-size: 13px; }
        .figure { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
        svg.router { display: block; }
        svg.router text { font: 11px ui-monospace, "DejaVu Sans Mono", monospace; fill: var(--ink); }
        svg.router text.column { font-size: 12px; font-weight: 700; }
        svg.router rect { stroke-width: 1; }
        .concern > rect, rect.concern { fill: #e8eef7; stroke: #7d93b2; }
        .sheet > rect, rect.sheet { fill: #eaf5ea; stroke: #5d9c5d; }
        .sheet.unreached > rect, rect.sheet.unreached { fill: #fff1dc; stroke: #d9822b; stroke-width: 1.5; stroke-dasharray: 5 3; }
        .sheet.missing > rect { fill: #fdecea; stroke: #b3261e; stroke-dasharray: 2 2; }
        .question > rect, rect.question { fill: #f1ebfa; stroke: #8a6bb8; }
        .answer > rect { fill: #fff; stroke: #b9a6d6; }
        .handoff > rect, rect.handoff { fill: #e3f3f7; stroke: #3f8ea3; }
        .handoff-sheet > rect { fill: #fff; stroke: #9cc9d5; }
        .edge { fill: none; stroke: #9aa5b1; stroke-width: 1.2; }
        .edge.routes { stroke: #8a6bb8; }
        .edge.handsoff { stroke: #3f8ea3; stroke-dasharray: 6 3; }
        .edge.asks { stroke: #8a6bb8; stroke-dasharray: 2 2; }

        """;
}
