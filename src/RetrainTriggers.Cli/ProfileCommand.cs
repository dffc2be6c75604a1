using System.CommandLine;
using System.Globalization;
using RetrainTriggers.Csv;

namespace RetrainTriggers.Cli;

/// <summary><c>profile</c>: reads a training CSV into a reference profile JSON to check later windows against.</summary>
internal static class ProfileCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Option<string>("--input") { Description = "The training (reference) CSV file, with a header line.", Required = true, HelpName = "file.csv" };
        var output = new Option<string>("--output") { Description = "Where to write the profile JSON.", Required = true, HelpName = "profile.json" };
        var categorical = CliOptions.Categorical();
        var columns = CliOptions.Columns();
        var separator = CliOptions.Separator();
        var command = new Command("profile", "Build a reference profile (JSON) from a training CSV.") { input, output, categorical, columns, separator };
        command.SetAction(parse =>
        {
            var path = CliOptions.ExistingFile("--input", parse.GetValue(input)!);
            var target = parse.GetValue(output)!;
            var profile = InputProgress.Run(console, "Profiling", path, progress =>
                CsvData.ReadProfile(path, CliOptions.Csv(parse.GetValue(separator), CliOptions.List(parse.GetValue(columns)), CliOptions.List(parse.GetValue(categorical)), progress)));
            OutputFile.Write("--output", target, System.Text.Encoding.UTF8.GetBytes(profile.ToJson()));
            var rows = profile.NumericFeatures.Values.Select(f => f.TotalCount).Concat(profile.CategoricalFeatures.Values.Select(f => f.TotalCount)).Max();
            console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Profiled {rows} rows of {path}: {profile.NumericFeatures.Count} numeric and {profile.CategoricalFeatures.Count} categorical features written to {target}."));
            return CliApp.ExitNoDrift;
        });
        return command;
    }
}
