using System.Globalization;
using System.Net;
using System.Text;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Cli;

/// <summary>Inline SVG charts for the HTML report: overlaid reference/current histograms and reference/current category bars.</summary>
internal static class SvgCharts
{
    private const string ReferenceColour = "#4c78a8";
    private const string CurrentColour = "#f58518";
    private const int Width = 640;
    private const int Bins = 30;
    private const int MaxCategories = 12;

    /// <summary>Equal-width bins over the range of both samples; bar heights are each sample's share of its values.</summary>
    public static string Histogram(string feature, NumericFeatureProfile reference, ReadOnlySpan<double> current)
    {
        var sample = reference.SortedSample.Values.Span;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        if (!sample.IsEmpty)
        {
            lo = sample[0];
            hi = sample[^1];
        }

        foreach (var v in current)
        {
            if (double.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        if (!double.IsFinite(lo))
        {
            lo = 0;
            hi = 1;
        }
        else if (hi <= lo)
        {
            hi = lo + 1;
        }

        var refShare = Shares(sample, lo, hi);
        var curShare = Shares(current, lo, hi);
        var top = Math.Max(refShare.Max(), curShare.Max());
        top = top > 0 ? top : 1;

        const int height = 240, left = 52, right = 12, topMargin = 28, bottom = 34;
        const double plotWidth = Width - left - right, plotHeight = height - topMargin - bottom;
        var svg = Open(feature, "histogram", height);
        Legend(svg);
        svg.Append(Inv($"<line x1=\"{left}\" y1=\"{topMargin + plotHeight}\" x2=\"{Width - right}\" y2=\"{topMargin + plotHeight}\" class=\"axis\"/>"));
        var barWidth = plotWidth / Bins;
        foreach (var (shares, colour) in new[] { (refShare, ReferenceColour), (curShare, CurrentColour) })
        {
            for (var b = 0; b < Bins; b++)
            {
                var h = shares[b] / top * plotHeight;
                svg.Append(Inv($"<rect x=\"{left + b * barWidth:0.##}\" y=\"{topMargin + plotHeight - h:0.##}\" width=\"{barWidth:0.##}\" height=\"{h:0.##}\" fill=\"{colour}\" fill-opacity=\"0.55\"/>"));
            }
        }

        svg.Append(Inv($"<text x=\"{left}\" y=\"{height - 12}\" class=\"tick\">{Html(ReportText.Number(lo))}</text>"));
        svg.Append(Inv($"<text x=\"{left + plotWidth / 2:0.##}\" y=\"{height - 12}\" class=\"tick\" text-anchor=\"middle\">{Html(ReportText.Number((lo + hi) / 2))}</text>"));
        svg.Append(Inv($"<text x=\"{Width - right}\" y=\"{height - 12}\" class=\"tick\" text-anchor=\"end\">{Html(ReportText.Number(hi))}</text>"));
        svg.Append(Inv($"<text x=\"{left - 6}\" y=\"{topMargin + 4}\" class=\"tick\" text-anchor=\"end\">{Html(ReportText.Percent(top))}</text>"));
        svg.Append(Inv($"<text x=\"{left - 6}\" y=\"{topMargin + plotHeight}\" class=\"tick\" text-anchor=\"end\">0%</text>"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>One row per category (the most frequent ones, the rest as "other"), reference and current share side by side.</summary>
    public static string Categories(string feature, CategoricalFeatureProfile reference, ReadOnlySpan<string?> current)
    {
        var currentCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        long currentTotal = 0;
        foreach (var value in current)
        {
            if (value is not null)
            {
                currentCounts[value] = currentCounts.GetValueOrDefault(value) + 1;
                currentTotal++;
            }
        }

        double RefShare(string c) => reference.Count == 0 ? 0 : (double)reference.Counts.GetValueOrDefault(c) / reference.Count;
        double CurShare(string c) => currentTotal == 0 ? 0 : (double)currentCounts.GetValueOrDefault(c) / currentTotal;
        var all = reference.Categories.Union(currentCounts.Keys, StringComparer.Ordinal)
            .OrderByDescending(c => Math.Max(RefShare(c), CurShare(c))).ThenBy(c => c, StringComparer.Ordinal).ToList();
        var rows = all.Take(MaxCategories).Select(c => (Label: c, Ref: RefShare(c), Cur: CurShare(c), Other: false)).ToList();
        if (all.Count > MaxCategories)
        {
            var rest = all.Skip(MaxCategories).ToList();
            rows.Add((Inv($"other ({rest.Count} categories)"), rest.Sum(RefShare), rest.Sum(CurShare), true));
        }

        var top = rows.Count == 0 ? 1 : Math.Max(rows.Max(r => Math.Max(r.Ref, r.Cur)), 1e-12);
        const int rowHeight = 30, topMargin = 28, labelWidth = 170, valueWidth = 56;
        var height = topMargin + rows.Count * rowHeight + 8;
        const double barSpace = Width - labelWidth - valueWidth;
        var svg = Open(feature, "categories", height);
        Legend(svg);
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, refShare, curShare, other) = rows[i];
            var y = topMargin + i * rowHeight;
            var shown = label.Length > 24 ? string.Concat(label.AsSpan(0, 23), "…") : label;
            svg.Append(Inv($"<text x=\"{labelWidth - 8}\" y=\"{y + 18}\" class=\"label{(other ? " other" : "")}\" text-anchor=\"end\"><title>{Html(label)}</title>{Html(shown)}</text>"));
            svg.Append(Inv($"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{refShare / top * barSpace:0.##}\" height=\"10\" fill=\"{ReferenceColour}\"/>"));
            svg.Append(Inv($"<rect x=\"{labelWidth}\" y=\"{y + 15}\" width=\"{curShare / top * barSpace:0.##}\" height=\"10\" fill=\"{CurrentColour}\"/>"));
            svg.Append(Inv($"<text x=\"{Width - 4}\" y=\"{y + 13}\" class=\"tick\" text-anchor=\"end\">{Html(ReportText.Percent(refShare))}</text>"));
            svg.Append(Inv($"<text x=\"{Width - 4}\" y=\"{y + 25}\" class=\"tick\" text-anchor=\"end\">{Html(ReportText.Percent(curShare))}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    internal static string Html(string text) => WebUtility.HtmlEncode(text);

    private static double[] Shares(ReadOnlySpan<double> values, double lo, double hi)
    {
        var counts = new double[Bins];
        long n = 0;
        var scale = Bins / (hi - lo);
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                continue;
            }

            var b = (int)Math.Clamp(Math.Floor((v - lo) * scale), 0, Bins - 1);
            counts[b]++;
            n++;
        }

        if (n > 0)
        {
            for (var b = 0; b < Bins; b++)
            {
                counts[b] /= n;
            }
        }

        return counts;
    }

    private static StringBuilder Open(string feature, string kind, int height) => new StringBuilder()
        .Append(Inv($"<svg class=\"chart {kind}\" role=\"img\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" aria-label=\""))
        .Append(Html($"{feature}: reference and current distribution"))
        .Append("\">");

    private static void Legend(StringBuilder svg) => svg
        .Append(Inv($"<rect x=\"{Width - 210}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{ReferenceColour}\"/><text x=\"{Width - 194}\" y=\"16\" class=\"tick\">reference</text>"))
        .Append(Inv($"<rect x=\"{Width - 110}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{CurrentColour}\"/><text x=\"{Width - 94}\" y=\"16\" class=\"tick\">current</text>"));

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
