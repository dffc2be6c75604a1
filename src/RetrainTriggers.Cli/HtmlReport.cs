using System.Globalization;
using System.Text;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Cli;

/// <summary>The self-contained HTML report: one file, no scripts, no network fetches; every user string is HTML-escaped.</summary>
internal static class HtmlReport
{
    internal const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2329;background:#f6f7f9}
        main{max-width:1000px;margin:0 auto;padding:24px}
        .verdict{padding:16px 20px;border-radius:8px;color:#fff;margin-bottom:16px}
        .verdict h1{margin:0 0 4px;font-size:24px}.verdict p{margin:2px 0}
        .d-drift{background:#c0392b}.d-warning{background:#b7791f}.d-none{background:#2f855a}.d-insufficient{background:#5a6470}
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;vertical-align:middle}
        section.feature,section.rules,.meta{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px 16px;margin:12px 0}
        h2{font-size:18px;margin:4px 0 8px;word-break:break-all}
        table{border-collapse:collapse;margin:6px 0 10px}th,td{border-bottom:1px solid #e5e8eb;padding:3px 10px;text-align:left;vertical-align:top}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        svg.chart{display:block;max-width:100%;height:auto;background:#fbfcfd;border:1px solid #eef0f2;border-radius:6px}
        .axis{stroke:#8a939c}.tick{font-size:11px;fill:#4a535c}.label{font-size:12px;fill:#1d2329}.other{font-style:italic}
        ul.reasons{margin:4px 0 8px 18px;padding:0}
        """;

    public static string Render(DriftRun run)
    {
        var report = run.Report;
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Drift report: ").Append(H(ReportText.Decision(report.DatasetDecision))).Append(" — ").Append(H(Path.GetFileName(run.CurrentName))).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head><body><main>\n");
        AppendReport(html, run, "feature-", "header");
        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    /// <summary>Appends one report (verdict, summary table, a section per feature, the rules) to a page that includes <see cref="Style"/>.</summary>
    /// <param name="html">The page.</param>
    /// <param name="run">The drift check.</param>
    /// <param name="idPrefix">The prefix of the features' anchors, unique within the page.</param>
    /// <param name="verdictElement">The element of the verdict block (<c>header</c> for a page of its own).</param>
    internal static void AppendReport(StringBuilder html, DriftRun run, string idPrefix, string verdictElement)
    {
        var report = run.Report;
        html.Append('<').Append(verdictElement).Append(" class=\"verdict ").Append(Css(report.DatasetDecision)).Append("\"><h1>Dataset: ").Append(H(ReportText.Decision(report.DatasetDecision))).Append("</h1>")
            .Append("<p>").Append(H(report.Reason)).Append("</p>")
            .Append(Inv($"<p>{report.DriftedFeatureCount} drifted, {report.WarningFeatureCount} warning, {report.InsufficientDataFeatureCount} insufficient data, of {report.FeatureCount} features; drift share {ReportText.Percent(report.DriftShare)}.</p></{verdictElement}>\n"));

        html.Append("<div class=\"meta\"><table><tr><th>Reference</th><td>").Append(H(run.ReferenceName)).Append("</td></tr><tr><th>Current</th><td>").Append(H(run.CurrentName))
            .Append("</td></tr><tr><th>Generated</th><td>").Append(H(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture))).Append("</td></tr></table>\n");
        html.Append("<table><thead><tr><th>Feature</th><th>Kind</th><th>Decision</th><th>Headline</th><th>Missing ref → cur</th></tr></thead><tbody>");
        for (var i = 0; i < report.Features.Count; i++)
        {
            var f = report.Features[i];
            html.Append(Inv($"<tr><td><a href=\"#{idPrefix}{i}\">")).Append(H(f.Feature)).Append("</a></td><td>").Append(ReportText.Kind(f.Kind)).Append("</td><td>")
                .Append(Badge(f.Decision)).Append("</td><td>").Append(H(ReportText.Headline(f))).Append("</td><td class=\"n\">")
                .Append(H($"{ReportText.Percent(ReportText.ReferenceMissingRate(f))} → {ReportText.Percent(ReportText.CurrentMissingRate(f))}")).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>\n");
        for (var i = 0; i < report.Features.Count; i++)
        {
            Feature(html, run, report.Features[i], idPrefix + i.ToString(CultureInfo.InvariantCulture));
        }

        Rules(html, run);
    }

    private static void Feature(StringBuilder html, DriftRun run, FeatureDriftResult f, string id)
    {
        html.Append("<section class=\"feature\" id=\"").Append(H(id)).Append("\"><h2>").Append(H(f.Feature)).Append(' ').Append(Badge(f.Decision))
            .Append(" <small>").Append(ReportText.Kind(f.Kind)).Append("</small></h2>");
        if (f.Reasons.Count > 0)
        {
            html.Append("<ul class=\"reasons\">");
            foreach (var reason in f.Reasons)
            {
                html.Append("<li>").Append(H(reason)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<table><thead><tr><th>Statistic</th><th>Value</th><th>p-value</th><th>Bounds</th><th>Decision</th></tr></thead><tbody>");
        foreach (var s in f.Statistics)
        {
            html.Append("<tr><td>").Append(H(ReportText.Statistic(s))).Append("</td><td class=\"n\">").Append(H(s.Value is { } value ? ReportText.Number(value) : "n/a"))
                .Append("</td><td class=\"n\">").Append(H(ReportText.PValue(s.PValue))).Append("</td><td>").Append(H(ReportText.Bounds(s)))
                .Append("</td><td>").Append(Badge(s.Decision)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        html.Append("<table><thead><tr><th></th><th>Values</th><th>Missing</th><th>Missing rate</th></tr></thead><tbody>")
            .Append("<tr><th>Reference</th><td class=\"n\">").Append(ReportText.Count(f.ReferenceCount)).Append("</td><td class=\"n\">").Append(ReportText.Count(f.ReferenceMissingCount))
            .Append("</td><td class=\"n\">").Append(H(ReportText.Percent(ReportText.ReferenceMissingRate(f)))).Append("</td></tr>")
            .Append("<tr><th>Current</th><td class=\"n\">").Append(ReportText.Count(f.CurrentCount)).Append("</td><td class=\"n\">").Append(ReportText.Count(f.CurrentMissingCount))
            .Append("</td><td class=\"n\">").Append(H(ReportText.Percent(ReportText.CurrentMissingRate(f)))).Append("</td></tr></tbody></table>");

        if (f.Kind == FeatureKind.Numeric && run.Reference.NumericFeatures.TryGetValue(f.Feature, out var numeric) && run.Current.NumericColumns.TryGetValue(f.Feature, out var values))
        {
            html.Append(SvgCharts.Histogram(f.Feature, numeric, values.Span));
        }
        else if (run.Reference.CategoricalFeatures.TryGetValue(f.Feature, out var categorical) && run.Current.CategoricalColumns.TryGetValue(f.Feature, out var categories))
        {
            html.Append(SvgCharts.Categories(f.Feature, categorical, categories.Span));
        }

        html.Append("</section>\n");
    }

    private static void Rules(StringBuilder html, DriftRun run)
    {
        var o = run.Options;
        html.Append("<section class=\"rules\"><h2>Rules used</h2><table><tbody>");
        Row(html, "Dataset rule", o.DatasetRule == DatasetDriftRule.ShareOfDriftedFeatures
            ? $"share of drifted features{(o.FeatureImportances is null ? "" : " (importance-weighted)")} ≥ {ReportText.Percent(o.DriftShareThreshold)}"
            : $"any feature's p-value after {o.Correction} correction < α {ReportText.Number(o.Rules.Alpha)}");
        RuleRows(html, "Every feature", o.Rules);
        foreach (var (name, rules) in o.FeatureRules.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            RuleRows(html, $"Feature {name}", rules);
        }

        if (o.IgnoredFeatures.Count > 0)
        {
            Row(html, "Not checked", string.Join(", ", o.IgnoredFeatures.Order(StringComparer.Ordinal)));
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void RuleRows(StringBuilder html, string scope, FeatureDriftRules r)
    {
        Row(html, $"{scope}: statistics", $"numeric {r.NumericStatistics}; categorical {r.CategoricalStatistics}");
        Row(html, $"{scope}: thresholds", string.Create(
            CultureInfo.InvariantCulture,
            $"α {ReportText.Number(r.Alpha)}; PSI warning {ReportText.Number(r.PsiWarningThreshold)}, drift {ReportText.Number(r.PsiDriftThreshold)}; KS minimum effect {(r.KolmogorovSmirnovMinimumEffect is { } k ? ReportText.Number(k) : "none")}; minimum sample size {r.MinimumSampleSize}"));
        Row(html, $"{scope}: missing rate change", $"warning {(r.MissingRateWarningThreshold is { } w ? ReportText.Number(w) : "off")}, drift {(r.MissingRateDriftThreshold is { } d ? ReportText.Number(d) : "off")}");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(H(name)).Append("</th><td>").Append(H(value)).Append("</td></tr>");

    private static string Badge(DriftDecision decision) => $"<span class=\"badge {Css(decision)}\">{H(ReportText.Decision(decision))}</span>";

    internal static string Css(DriftDecision decision) => decision switch
    {
        DriftDecision.Drift => "d-drift",
        DriftDecision.Warning => "d-warning",
        DriftDecision.InsufficientData => "d-insufficient",
        _ => "d-none",
    };

    private static string H(string text) => SvgCharts.Html(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
