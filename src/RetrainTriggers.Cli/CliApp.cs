using System.CommandLine;
using System.Text.Json;
using RetrainTriggers.Csv;

namespace RetrainTriggers.Cli;

/// <summary>The tool's entry point: parses the command line, runs a command and turns every bad input into one line on stderr with exit code 2.</summary>
internal static class CliApp
{
    public const int ExitNoDrift = 0;
    public const int ExitDrift = 1;
    public const int ExitUsage = 2;

    public static int Run(string[] args, CliConsole console, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var time = timeProvider ?? TimeProvider.System;
        var root = new RootCommand("Reference profiles and drift reports from CSV files, and an end-to-end demo of the retrain loop. Exit codes: 0 no dataset drift (or the demo succeeded), 1 dataset drift, 2 bad usage or input.")
        {
            ProfileCommand.Create(console),
            DriftCommand.Create(console, time),
            Demo.DemoCommand.Create(console),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command;
            var help = command is RootCommand ? "retrain-triggers --help" : $"retrain-triggers {command.Name} --help";
            console.Error.WriteLine($"retrain-triggers: {OneLine(parsed.Errors[0].Message)} (see {help})");
            return ExitUsage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            console.Error.WriteLine($"retrain-triggers: {OneLine(message)}");
            return ExitUsage;
        }
    }

    /// <summary>Gets the one-line message for an exception caused by input, or <see langword="null"/> for a bug (which then surfaces as it is).</summary>
    internal static string? Describe(Exception ex) => ex switch
    {
        UsageException or CsvDataException => ex.Message,
        FileNotFoundException f => $"file not found: {f.FileName ?? ex.Message}",
        DirectoryNotFoundException or UnauthorizedAccessException or PathTooLongException => ex.Message,
        InvalidDataException or JsonException => ex.Message,
        IOException => ex.Message,
        OperationCanceledException => "cancelled.",
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        _ => null,
    };

    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
