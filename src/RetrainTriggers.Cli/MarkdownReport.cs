using System.Text;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Cli;

/// <summary>The Markdown report, for pull-request comments and job summaries.</summary>
internal static class MarkdownReport
{
    public static string Render(DriftRun run)
    {
        var report = run.Report;
        var md = new StringBuilder();
        md.Append("# Drift report\n\n");
        md.Append("**").Append(Cell(ReportText.Decision(report.DatasetDecision))).Append("**: ").Append(Cell(report.Reason)).Append("\n\n");
        md.Append("Current `").Append(Code(run.CurrentName)).Append("` against reference `").Append(Code(run.ReferenceName)).Append("`.\n\n");
        md.Append("| feature | kind | decision | headline | ref n | cur n | missing ref → cur | why |\n");
        md.Append("|---|---|---|---|---:|---:|---:|---|\n");
        foreach (var f in report.Features)
        {
            md.Append("| ").Append(Cell(f.Feature))
                .Append(" | ").Append(ReportText.Kind(f.Kind))
                .Append(" | ").Append(f.Decision == DriftDecision.Drift ? "**Drift**" : ReportText.Decision(f.Decision))
                .Append(" | ").Append(Cell(ReportText.Headline(f)))
                .Append(" | ").Append(ReportText.Count(f.ReferenceCount))
                .Append(" | ").Append(ReportText.Count(f.CurrentCount))
                .Append(" | ").Append(ReportText.Percent(ReportText.ReferenceMissingRate(f))).Append(" → ").Append(ReportText.Percent(ReportText.CurrentMissingRate(f)))
                .Append(" | ").Append(Cell(string.Join("; ", f.Reasons)))
                .Append(" |\n");
        }

        return md.ToString();
    }

    /// <summary>Escapes what Markdown and HTML would interpret inside a table cell.</summary>
    private static string Cell(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '|' or '\\' or '*' or '_' or '`' or '[' or ']' or '#':
                    sb.Append('\\').Append(c);
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '\r' or '\n':
                    sb.Append(' ');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static string Code(string text) => text.Replace('`', '\'').Replace('\n', ' ');
}
