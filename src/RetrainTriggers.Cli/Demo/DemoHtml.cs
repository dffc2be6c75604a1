using System.Globalization;
using System.Text;
using RetrainTriggers.Drift;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Cli.Demo;

/// <summary>The demo's HTML page: the timeline as a table, then the drift report of every day that drifted or fired, as the drift command draws them. One file, no scripts, no fetches.</summary>
internal static class DemoHtml
{
    private const string Style = """
        section.day{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:8px 16px;margin:12px 0}
        section.day>details>summary{cursor:pointer;font-weight:600}
        table.timeline td{font-variant-numeric:tabular-nums}
        tr.event td{background:#fffbea}.regime td{background:#eef2f7;font-style:italic}
        ul.details{margin:0;padding-left:18px}.promoted{color:#2f855a;font-weight:600}.rejected{color:#b7791f;font-weight:600}.rolledback{color:#c0392b;font-weight:600}
        """;

    public static string Render(DemoTimeline timeline)
    {
        var html = new StringBuilder(256 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>retrain-triggers demo: seed ").Append(timeline.Seed.ToString(CultureInfo.InvariantCulture)).Append("</title>")
            .Append("<style>").Append(HtmlReport.Style).Append(Style).Append("</style></head><body><main>\n");
        html.Append("<header class=\"verdict d-none\"><h1>The retrain loop, ").Append(DemoWorld.Days.ToString(CultureInfo.InvariantCulture)).Append(" simulated days</h1>");
        foreach (var line in DemoText.Header(timeline))
        {
            html.Append("<p>").Append(H(line)).Append("</p>");
        }

        html.Append("<p><strong>").Append(H(DemoText.Summary(timeline))).Append("</strong></p></header>\n");

        html.Append("<div class=\"meta\"><table class=\"timeline\"><thead><tr><th>Day</th><th>Date</th><th>World</th><th>Served by, live accuracy, drift</th><th>What happened</th></tr></thead><tbody>\n");
        Row(html, "0", DemoText.Date(DemoSimulation.Start), DemoWorld.Calm.Name, DemoText.InitialHeadline, DemoText.InitialDetails(timeline), null);
        DemoRegime? regime = DemoWorld.Calm;
        foreach (var day in timeline.Days)
        {
            if (!ReferenceEquals(day.Regime, regime))
            {
                regime = day.Regime;
                html.Append("<tr class=\"regime\"><td colspan=\"5\">From day ").Append(day.Day.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(H(regime.Story)).Append("</td></tr>\n");
            }

            Row(html, day.Day.ToString(CultureInfo.InvariantCulture), DemoText.Date(DemoText.TrafficDate(day)), day.Regime.Name, DemoText.Headline(day), DemoText.Details(day), Shown(day) ? Anchor(day) : null);
        }

        html.Append("</tbody></table></div>\n");
        foreach (var day in timeline.Days.Where(Shown))
        {
            var drift = day.Drift!;
            html.Append("<section class=\"day\" id=\"").Append(Anchor(day)).Append("\"><h2>Day ").Append(day.Day.ToString(CultureInfo.InvariantCulture)).Append(": ")
                .Append(H(day.Regime.Name)).Append(", drift check against ").Append(H(drift.ReferenceName)).Append("</h2><details open><summary>Drift report: ")
                .Append(H(ReportText.Decision(drift.Report.DatasetDecision))).Append("</summary>\n");
            HtmlReport.AppendReport(html, drift, Anchor(day) + "-feature-", "div");
            html.Append("</details></section>\n");
        }

        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    /// <summary>Gets whether a day's drift report is drawn: the first day, and every day that drifted, fired or changed the champion.</summary>
    internal static bool Shown(DemoDay day) =>
        day.Drift is not null
        && (day.Day == 1 || day.Drift.Report.DatasetDecision != DriftDecision.None || day.Tick.Verdict != RetrainVerdict.NotFired || day.RolledBack is not null);

    private static void Row(StringBuilder html, string day, string date, string world, string headline, IReadOnlyList<string> details, string? anchor)
    {
        html.Append(details.Count > 0 ? "<tr class=\"event\">" : "<tr>").Append("<td>").Append(day).Append("</td><td>").Append(H(date)).Append("</td><td>").Append(H(world))
            .Append("</td><td>").Append(H(headline));
        if (anchor is not null)
        {
            html.Append(" <a href=\"#").Append(anchor).Append("\">report</a>");
        }

        html.Append("</td><td>");
        if (details.Count > 0)
        {
            html.Append("<ul class=\"details\">");
            foreach (var line in details)
            {
                html.Append("<li").Append(Class(line)).Append('>').Append(H(line.Trim())).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</td></tr>\n");
    }

    private static string Class(string line) => line switch
    {
        _ when line.StartsWith("PROMOTED", StringComparison.Ordinal) => " class=\"promoted\"",
        _ when line.StartsWith("REJECTED", StringComparison.Ordinal) => " class=\"rejected\"",
        _ when line.StartsWith("ROLLED BACK", StringComparison.Ordinal) => " class=\"rolledback\"",
        _ => string.Empty,
    };

    private static string Anchor(DemoDay day) => "day-" + day.Day.ToString(CultureInfo.InvariantCulture);

    private static string H(string text) => SvgCharts.Html(text);
}
