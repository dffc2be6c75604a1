using Spectre.Console;

namespace RetrainTriggers.Cli;

/// <summary>Shows a progress bar on stderr while a large file is read, only when stderr is a terminal.</summary>
internal static class InputProgress
{
    /// <summary>Files below this size read in well under a second; no bar for them.</summary>
    private const long MinimumBytes = 32L << 20;

    public static T Run<T>(CliConsole console, string label, string path, Func<IProgress<long>?, T> read)
    {
        var length = new FileInfo(path).Length;
        if (!console.ShowProgress || length < MinimumBytes)
        {
            return read(null);
        }

        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error),
            ColorSystem = console.NoColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        return terminal.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape($"{label} {Path.GetFileName(path)}"), maxValue: length);
                var result = read(new Progress(task));
                task.Value = length;
                return result;
            });
    }

    private sealed class Progress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
