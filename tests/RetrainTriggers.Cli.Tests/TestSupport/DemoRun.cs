namespace RetrainTriggers.Cli.Tests.TestSupport;

/// <summary>One run of <c>demo --html</c> with the default seed, shared by the tests that only read its output; it also records what the run left behind.</summary>
internal sealed class DemoRun
{
    public const string Collection = "demo";

    private static readonly Lazy<DemoRun> Shared = new(() => new DemoRun());

    private DemoRun()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        HtmlPath = Path.Combine(folder, "demo-report.html");
        File.Delete(HtmlPath);
        var tempBefore = DemoTempFolders();
        var workingBefore = Entries(Environment.CurrentDirectory);
        using var cli = new CliHarness();
        Result = cli.Run("demo", "--html", HtmlPath);
        LeftInTemp = [.. DemoTempFolders().Except(tempBefore, StringComparer.Ordinal)];
        LeftInWorkingDirectory = [.. Entries(Environment.CurrentDirectory).Except(workingBefore, StringComparer.Ordinal)];
    }

    public static DemoRun Default => Shared.Value;

    public CliResult Result { get; }

    public string HtmlPath { get; }

    public IReadOnlyList<string> LeftInTemp { get; }

    public IReadOnlyList<string> LeftInWorkingDirectory { get; }

    /// <summary>Gets the printed lines without the last one, which names the HTML file.</summary>
    public IReadOnlyList<string> Timeline => Lines(Result.Output)[..^1];

    public static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private static string[] DemoTempFolders() => Directory.GetDirectories(Path.GetTempPath(), "retrain-triggers-demo-*");

    private static string[] Entries(string folder) => Directory.GetFileSystemEntries(folder);
}
