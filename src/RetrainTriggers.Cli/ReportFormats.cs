using System.Globalization;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Cli;

/// <summary>Picks the report format and writes the report where it was asked for.</summary>
internal static class ReportFormats
{
    public static string Choose(string? format, string? outputPath)
    {
        if (format is not null)
        {
            return format;
        }

        return Path.GetExtension(outputPath ?? string.Empty).ToUpperInvariant() switch
        {
            ".HTML" or ".HTM" => "html",
            ".MD" or ".MARKDOWN" => "markdown",
            ".JSON" => "json",
            _ => "table",
        };
    }

    public static void Write(CliConsole console, DriftRun run, string format, string? outputPath)
    {
        if (outputPath is null)
        {
            if (format == "table")
            {
                TableReport.Write(run, console.Out, console.ColourOut, console.OutIsTerminal);
            }
            else
            {
                console.Out.Write(Render(run, format));
            }

            return;
        }

        string content;
        if (format == "table")
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            TableReport.Write(run, text, colour: false, terminal: false);
            content = text.ToString();
        }
        else
        {
            content = Render(run, format);
        }

        OutputFile.Write("--output", outputPath, content);
        console.Out.WriteLine($"{Verdict(run.Report)} Report ({format}) written to {outputPath}.");
    }

    public static string Verdict(DriftReport report) => report.DatasetDecision switch
    {
        DriftDecision.Drift => $"Dataset drift: {report.Reason}",
        DriftDecision.Warning => $"Dataset warning (no drift): {report.Reason}",
        DriftDecision.InsufficientData => $"Insufficient data: {report.Reason}",
        _ => $"No dataset drift: {report.Reason}",
    };

    private static string Render(DriftRun run, string format) => format switch
    {
        "json" => run.Report.ToJson() + Environment.NewLine,
        "markdown" => MarkdownReport.Render(run),
        _ => HtmlReport.Render(run),
    };
}
