using System.CommandLine;
using RetrainTriggers.Csv;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Cli;

/// <summary>The options shared by the commands and the helpers that read them.</summary>
internal static class CliOptions
{
    public static Option<string[]> Categorical() => new("--categorical")
    {
        Description = "Columns to read as categories even when they hold numbers (comma-separated; repeatable).",
        HelpName = "col,…",
    };

    public static Option<string[]> Columns() => new("--columns")
    {
        Description = "Only these columns (comma-separated; repeatable). Default: every column of the reference.",
        HelpName = "col,…",
    };

    public static Option<char> Separator() => new("--separator")
    {
        Description = "The field separator.",
        DefaultValueFactory = _ => ',',
    };

    /// <summary>Splits comma-separated, possibly repeated list values; blank items are dropped.</summary>
    public static string[]? List(string[]? values) => values is null or { Length: 0 }
        ? null
        : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    public static CsvDataOptions Csv(char separator, string[]? columns, string[]? categorical, IProgress<long>? progress)
    {
        var options = new CsvDataOptions { Separator = separator, Columns = columns, Progress = progress };
        foreach (var name in categorical ?? [])
        {
            options.ColumnKinds[name] = FeatureKind.Categorical;
        }

        return options;
    }

    /// <summary>Checks that an input file exists, naming the option when it does not.</summary>
    public static string ExistingFile(string option, string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException(Directory.Exists(path) ? $"{option} {path}: is a folder; give a file." : $"{option} {path}: file not found.");
        }

        return path;
    }
}
