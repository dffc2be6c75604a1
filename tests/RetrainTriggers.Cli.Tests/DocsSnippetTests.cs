using System.Text.RegularExpressions;
using RetrainTriggers.Cli.Tests.TestSupport;
using RetrainTriggers.Csv;
using RetrainTriggers.Data;
using RetrainTriggers.Drift;
using RetrainTriggers.Tests.Docs;

namespace RetrainTriggers.Cli.Tests;

// docs/cli.md quotes the region between the <cli-library> markers verbatim; the tests run it and check the page still
// contains it character for character.
public sealed class DocsSnippetTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void CliLibrarySnippet_RunsOnTheSamples()
    {
        var trainingCsv = Path.Combine(CliHarness.Samples, "reference.csv");
        var todayCsv = Path.Combine(CliHarness.Samples, "current.csv");
        var profilePath = cli.PathOf("model.profile.json");
        Customer[] customers = [new(31, "basic"), new(45, "pro")];
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            // <cli-library>
            // Profile the training file once and store the profile beside the model.
            var profile = CsvData.ReadProfile(trainingCsv);
            File.WriteAllText(profilePath, profile.ToJson());

            // Later: read today's file with the profile's columns and kinds, and check it.
            var reference = DatasetProfile.FromJson(File.ReadAllText(profilePath));
            var window = CsvData.ReadWindow(todayCsv, reference);
            var report = new DriftDetector(reference).Detect(window);
            Console.WriteLine($"{report.DatasetDecision}: {report.Reason}");

            // Rows already in memory: name the columns once.
            var columns = new ColumnSelectors<Customer>()
                .Numeric("age", c => c.Age)
                .Categorical("plan", c => c.Plan);
            var window2 = columns.ToWindow(customers);
            // </cli-library>
            window2.FeatureCount.Should().Be(2);
        }
        finally
        {
            Console.SetOut(previous);
        }

        output.ToString().Should().StartWith("Drift: 3 of 6 judged features drifted");
        DocSnippets.AssertOutput("cli-library", output.ToString());
    }

    [Fact]
    public void CliPage_QuotesTheSnippetVerbatim()
    {
        var root = RepositoryRoot();
        var page = File.ReadAllText(Path.Combine(root, "docs", "cli.md")).ReplaceLineEndings("\n");
        var source = File.ReadAllText(Path.Combine(root, "tests", "RetrainTriggers.Cli.Tests", "DocsSnippetTests.cs")).ReplaceLineEndings("\n");
        var match = Regex.Match(source, "\n(?<indent> *)// <cli-library>\n(?<body>.*?)\n *// </cli-library>", RegexOptions.Singleline);
        var indent = match.Groups["indent"].Value;
        var body = string.Join('\n', match.Groups["body"].Value.Split('\n').Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l[indent.Length..] : l));

        match.Success.Should().BeTrue();
        page.Should().Contain("```csharp\n" + body + "\n```");
    }

    [Fact]
    public void Readme_ShowsTheDriftCommandOnTheSamples()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        readme.Should().Contain("dotnet run --project src/RetrainTriggers.Cli -- drift --reference docs/samples/reference.csv --current docs/samples/current.csv");
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RetrainTriggers.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("RetrainTriggers.sln not found above the test folder.");
    }

    public sealed record Customer(double Age, string Plan);
}
