using System.CommandLine;
using System.Globalization;

namespace RetrainTriggers.Cli.Demo;

/// <summary><c>demo</c>: the whole library end to end on seeded synthetic data, printed as a timeline; nothing is left behind unless asked.</summary>
internal static class DemoCommand
{
    public const int DefaultSeed = 42;

    public static Command Create(CliConsole console)
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data and of ML.NET; the same seed prints the same timeline.", DefaultValueFactory = _ => DefaultSeed, HelpName = "n" };
        var html = new Option<string>("--html") { Description = "Also write the timeline with the drift reports as one self-contained HTML file.", HelpName = "report.html" };
        var output = new Option<string>("--output") { Description = "Keep the model registry and the run history in this folder (new or empty). Default: a temporary folder, deleted at the end.", HelpName = "folder" };
        var command = new Command("demo", "Run the retrain loop end to end on simulated weeks of drifting data: train an ML.NET champion, fire triggers, retrain, promote or reject, watch and roll back.")
        {
            seed, html, output,
        };
        command.SetAction(parse =>
        {
            var htmlPath = parse.GetValue(html);
            if (htmlPath is not null)
            {
                CheckOutputFile("--html", htmlPath);
            }

            var keep = parse.GetValue(output) is { } kept ? PrepareFolder(kept) : null;
            var folder = keep ?? Path.Combine(Path.GetTempPath(), "retrain-triggers-demo-" + Guid.NewGuid().ToString("N"));
            DemoTimeline timeline;
            try
            {
                Directory.CreateDirectory(folder);
                var simulation = new DemoSimulation(parse.GetValue(seed), folder);
                timeline = Task.Run(() => simulation.RunAsync(CancellationToken.None)).GetAwaiter().GetResult();
            }
            finally
            {
                if (keep is null && Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            foreach (var line in DemoText.Lines(timeline))
            {
                console.Out.WriteLine(line);
            }

            if (keep is not null)
            {
                console.Out.WriteLine($"Model registry and run history kept in {keep}.");
            }

            if (htmlPath is not null)
            {
                OutputFile.Write("--html", htmlPath, DemoHtml.Render(timeline));
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Timeline with {timeline.Days.Count(DemoHtml.Shown)} drift reports written to {htmlPath}."));
            }

            return CliApp.ExitNoDrift;
        });
        return command;
    }

    /// <summary>Fails before the simulation runs when the HTML file could not be written afterwards.</summary>
    private static void CheckOutputFile(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{option} {path}: is a folder; give a file name.");
        }

        if (!Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new UsageException($"{option} {path}: the folder {Path.GetDirectoryName(full)} does not exist.");
        }
    }

    private static string PrepareFolder(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new UsageException($"--output {path}: is a file; give a folder (new or empty).");
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new UsageException($"--output {path}: the folder is not empty; give a new or empty folder.");
        }

        return full;
    }
}
