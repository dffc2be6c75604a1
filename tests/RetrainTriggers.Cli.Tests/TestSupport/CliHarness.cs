using System.Globalization;
using System.Text;

namespace RetrainTriggers.Cli.Tests.TestSupport;

/// <summary>Runs the tool in process against a temp folder and captures what it prints.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "rt-cli-tests-" + Guid.NewGuid().ToString("N"));

    public static string Samples => Path.Combine(AppContext.BaseDirectory, "samples");

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string Write(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes seeded synthetic rows: two normal columns, a lognormal one and two categorical ones; <paramref name="shift"/> moves the distributions.</summary>
    public string WriteSynthetic(string name, int seed, int rows, double shift)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("height,weight,spend,segment,channel\n");
        string[] segments = ["a", "b", "c", "d"];
        string[] channels = ["web", "store"];
        for (var i = 0; i < rows; i++)
        {
            var height = 170 + 10 * Gauss(random) + 8 * shift;
            var weight = 70 + 12 * Gauss(random) + 9 * shift;
            var spend = Math.Exp(3 + 0.5 * Gauss(random) + 0.4 * shift);
            var segment = segments[Math.Min(3, (int)(random.NextDouble() * (4 - (shift > 0 ? 2 * random.NextDouble() : 0))))];
            var channel = channels[random.NextDouble() < 0.7 - 0.3 * shift ? 0 : 1];
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{height:0.###},{weight:0.###},{spend:0.##},{segment},{channel}\n"));
        }

        return Write(name, csv.ToString());
    }

    public CliResult Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = CliApp.Run(args, new CliConsole(output, error, OutIsTerminal: false, ErrorIsTerminal: false, NoColor: false));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static double Gauss(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
