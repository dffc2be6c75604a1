using Spectre.Console;

namespace RetrainTriggers.Cli;

/// <summary>Shows a progress bar on stderr while a large file is read, only when stderr is a terminal.</summary>
internal static class InputProgress
{
    /// <summary>Files below this size read in well under a second; no bar for them.</summary>
    private const long MinimumBytes = 32L << 20;

    public static T Run<T>(CliConsole console, string label, string path, Func<IProgress<long>?, T> read) =>
        Run(console, [(label, path)], progress => read(progress[0]));

    /// <summary>Runs <paramref name="read"/> with one progress receiver per input (all <see langword="null"/> when no bar is shown).</summary>
    public static T Run<T>(CliConsole console, IReadOnlyList<(string Label, string Path)> inputs, Func<IProgress<long>?[], T> read)
    {
        var lengths = inputs.Select(i => new FileInfo(i.Path).Length).ToArray();
        if (!console.ShowProgress || lengths.Sum() < MinimumBytes)
        {
            return read(new IProgress<long>?[inputs.Count]);
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
                var tasks = inputs.Select((input, i) => context.AddTask(Markup.Escape($"{input.Label} {Path.GetFileName(input.Path)}"), maxValue: Math.Max(1, lengths[i]))).ToArray();
                var result = read([.. tasks.Select(t => (IProgress<long>)new Progress(t))]);
                foreach (var task in tasks)
                {
                    task.Value = task.MaxValue;
                }

                return result;
            });
    }

    private sealed class Progress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
