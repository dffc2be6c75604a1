using Spectre.Console;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Cli;

/// <summary>The terminal report: one aligned row per feature with its coloured decision, then the dataset verdict.</summary>
internal static class TableReport
{
    public static void Write(DriftRun run, TextWriter writer, bool colour, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 160;
        }

        var report = run.Report;
        var table = new Table().Border(colour ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("Feature")
            .AddColumn("Kind")
            .AddColumn("Decision")
            .AddColumn("Headline")
            .AddColumn(new TableColumn("Ref n").RightAligned())
            .AddColumn(new TableColumn("Cur n").RightAligned())
            .AddColumn(new TableColumn("Missing ref→cur").RightAligned())
            .AddColumn("Why");
        foreach (var f in report.Features)
        {
            table.AddRow(
                new Text(f.Feature),
                new Text(ReportText.Kind(f.Kind)),
                new Markup(Decision(f.Decision, colour)),
                new Text(ReportText.Headline(f)),
                new Text(ReportText.Count(f.ReferenceCount)),
                new Text(ReportText.Count(f.CurrentCount)),
                new Text($"{ReportText.Percent(ReportText.ReferenceMissingRate(f))} → {ReportText.Percent(ReportText.CurrentMissingRate(f))}"),
                new Text(string.Join("; ", f.Reasons)));
        }

        console.Write(new Text($"Drift check: {run.CurrentName} against {run.ReferenceName}{Environment.NewLine}"));
        console.Write(table);
        console.Write(new Markup($"{Decision(report.DatasetDecision, colour)} {Markup.Escape(ReportFormats.Verdict(report))}{Environment.NewLine}"));
    }

    private static string Decision(DriftDecision decision, bool colour)
    {
        var text = Markup.Escape(ReportText.Decision(decision));
        if (!colour)
        {
            return decision == DriftDecision.Drift ? text.ToUpperInvariant() : text;
        }

        return decision switch
        {
            DriftDecision.Drift => $"[bold red]{text}[/]",
            DriftDecision.Warning => $"[yellow]{text}[/]",
            DriftDecision.InsufficientData => $"[grey]{text}[/]",
            _ => $"[green]{text}[/]",
        };
    }
}
