using System.Globalization;
using System.CommandLine;
using RetrainTriggers.Csv;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Cli;

/// <summary><c>drift</c>: checks a current CSV against a reference CSV or profile and reports per feature and for the dataset.</summary>
internal static class DriftCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var reference = new Option<string>("--reference") { Description = "The reference (training) CSV file.", HelpName = "ref.csv" };
        var referenceProfile = new Option<string>("--reference-profile") { Description = "A reference profile written by `profile` (instead of --reference).", HelpName = "profile.json" };
        var current = new Option<string>("--current") { Description = "The current (production) CSV file.", Required = true, HelpName = "cur.csv" };
        var categorical = CliOptions.Categorical();
        var columns = CliOptions.Columns();
        var separator = CliOptions.Separator();
        var config = new Option<string>("--config") { Description = "Drift rules (JSON): statistics, thresholds, dataset rule, per-feature overrides.", HelpName = "drift.json" };
        var format = new Option<string>("--format") { Description = "Report format. Default: from the --output extension (.md, .json, .html), else table.", HelpName = "table|markdown|json|html" };
        format.AcceptOnlyFromAmong("table", "markdown", "json", "html");
        var output = new Option<string>("--output") { Description = "Write the report to this file instead of standard output.", HelpName = "file" };
        var command = new Command("drift", "Check a current CSV for drift against a reference CSV or profile. Exit code 1 when the dataset drifts.")
        {
            reference, referenceProfile, current, categorical, columns, separator, config, format, output,
        };

        command.SetAction(parse =>
        {
            var referencePath = parse.GetValue(reference);
            var profilePath = parse.GetValue(referenceProfile);
            if ((referencePath is null) == (profilePath is null))
            {
                throw new UsageException("give either --reference <csv> or --reference-profile <json>, not both and not neither.");
            }

            var currentPath = CliOptions.ExistingFile("--current", parse.GetValue(current)!);
            var selected = CliOptions.List(parse.GetValue(columns));
            var categories = CliOptions.List(parse.GetValue(categorical));
            var sep = parse.GetValue(separator);
            var outputPath = parse.GetValue(output);
            var reportFormat = ReportFormats.Choose(parse.GetValue(format), outputPath);
            var options = parse.GetValue(config) is { } configPath
                ? DriftConfigReader.Read(CliOptions.ExistingFile("--config", configPath))
                : new DriftDetectorOptions();

            DatasetProfile profile;
            DriftWindow window;
            string referenceName;
            if (profilePath is not null)
            {
                if (categories is not null)
                {
                    throw new UsageException("--categorical cannot be used with --reference-profile: column kinds come from the profile.");
                }

                profile = ReadProfile(CliOptions.ExistingFile("--reference-profile", profilePath));
                referenceName = profilePath;
                foreach (var name in selected ?? [])
                {
                    if (!profile.FeatureNames.Contains(name, StringComparer.Ordinal))
                    {
                        throw new UsageException($"--columns: the reference profile has no feature '{name}'; it has: {string.Join(", ", profile.FeatureNames)}.");
                    }
                }

                foreach (var name in profile.FeatureNames.Where(n => selected is not null && !selected.Contains(n, StringComparer.Ordinal)))
                {
                    options.IgnoredFeatures.Add(name);
                }

                var checkedFeatures = profile.FeatureNames.Where(n => !options.IgnoredFeatures.Contains(n)).ToArray();
                var profiled = profile;
                window = InputProgress.Run(console, "Reading", currentPath, progress =>
                    CsvData.ReadWindow(currentPath, profiled, CliOptions.Csv(sep, checkedFeatures, null, progress)));
            }
            else
            {
                referenceName = CliOptions.ExistingFile("--reference", referencePath!);
                (profile, window) = ReadBoth(console, referenceName, currentPath, sep, selected, categories, options.IgnoredFeatures);
            }

            DriftDetector detector;
            try
            {
                detector = new DriftDetector(profile, options, time);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"{(parse.GetValue(config) is { } c ? "--config " + c : "drift options")}: {ex.Message}", ex);
            }

            var report = detector.Detect(window);
            var run = new DriftRun(report, profile, window, options, referenceName, currentPath);
            ReportFormats.Write(console, run, reportFormat, outputPath);
            return report.DatasetDecision == DriftDecision.Drift ? CliApp.ExitDrift : CliApp.ExitNoDrift;
        });
        return command;
    }

    /// <summary>Takes the column kinds from the reference's first rows, then reads both files at once with those kinds.</summary>
    private static (DatasetProfile Profile, DriftWindow Window) ReadBoth(
        CliConsole console, string reference, string current, char separator, string[]? selected, string[]? categorical, ISet<string> ignored)
    {
        var kinds = CsvData.InferColumnKinds(reference, CliOptions.Csv(separator, selected, categorical, null));
        // The profile keeps ignored columns (the rules name them); the window reads only the checked ones.
        var all = kinds.Keys.ToArray();
        var checkedColumns = all.Where(n => !ignored.Contains(n)).ToArray();
        CsvDataOptions With(string[] columns, IProgress<long>? progress)
        {
            var options = CliOptions.Csv(separator, columns, null, progress);
            foreach (var name in columns)
            {
                options.ColumnKinds[name] = kinds[name];
            }

            return options;
        }

        return InputProgress.Run(console, [("Profiling", reference), ("Reading", current)], progress =>
        {
            var profile = Task.Run(() => CsvData.ReadProfile(reference, With(all, progress[0])));
            var window = CsvData.ReadWindow(current, With(checkedColumns, progress[1]));
            return (profile.GetAwaiter().GetResult(), window);
        });
    }

    private static DatasetProfile ReadProfile(string path)
    {
        // Refused by its size before it is read: reading it whole first would cost the file and twice as much again as text.
        var file = new FileInfo(path);
        if (file.Exists && file.Length > DatasetProfile.DefaultMaxDocumentBytes)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"--reference-profile {path}: the file is {file.Length} bytes, larger than the {DatasetProfile.DefaultMaxDocumentBytes}-byte limit of a profile document; it was not read."));
        }

        try
        {
            return DatasetProfile.FromJson(File.ReadAllText(path));
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException($"--reference-profile {path}: {ex.Message}", ex);
        }
    }
}
