using System.Text.RegularExpressions;
using RetrainTriggers.Cli.Tests.TestSupport;

namespace RetrainTriggers.Cli.Tests.Demo;

/// <summary>The demo as a user runs it: the timeline tells the whole story, the same seed tells it the same way, nothing is left behind.</summary>
[Collection(DemoRun.Collection)]
public sealed partial class DemoCommandTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Run_DefaultSeed_ExitsWith0AndPrintsTheTimeline()
    {
        var run = DemoRun.Default;

        run.Result.ExitCode.Should().Be(CliApp.ExitNoDrift, run.Result.Error);
        run.Result.Error.Should().BeEmpty();
        run.Timeline.Should().Contain(l => l.Contains("day 28", StringComparison.Ordinal), "every simulated day has a line");
        run.Timeline[^1].Should().MatchRegex(@"^\d+ trainings: \d+ promoted \(1 of them rolled back\), [1-9]\d* rejected, 0 failed\. Champion at the end: v\d+\.$");
    }

    [Fact]
    public void Run_DefaultSeed_TimelineHasAPromotionARejectionAndARollbackWithReasons()
    {
        var lines = DemoRun.Default.Timeline;

        lines.Count(l => PromotedLine().IsMatch(l)).Should().BeGreaterThanOrEqualTo(2, "the first champion and at least one retrained challenger are promoted");
        lines.Should().Contain(l => RejectedLine().IsMatch(l));
        var rollback = lines.Select(l => RollbackLine().Match(l)).Single(m => m.Success);
        rollback.Groups["reason"].Value.Should().Contain("Accuracy").And.Contain("worse than the previous champion's");
        lines.Should().Contain(l => l.Contains("fired accuracy-low: Accuracy", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("fired data-drift:", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("not retrained: the pipeline cools down until", StringComparison.Ordinal));
        lines.Should().Contain(l => l.TrimStart().StartsWith("FAIL ", StringComparison.Ordinal), "a rejection lists the rules that failed");

        // After the rollback the restored version serves again and is the champion at the end.
        var restored = rollback.Groups["restored"].Value;
        lines[^1].Should().EndWith($"Champion at the end: v{restored}.");
    }

    [Fact]
    public void Run_SameSeedTwice_PrintsTheSameTimelineAndKeepsTheRegistryInOutput()
    {
        var kept = cli.PathOf("kept");

        var again = cli.Run("demo", "--seed", "42", "--output", kept);

        again.ExitCode.Should().Be(CliApp.ExitNoDrift, again.Error);
        var lines = DemoRun.Lines(again.Output);
        lines[..^1].Should().Equal(DemoRun.Default.Timeline);
        lines[^1].Should().Contain(kept);
        Directory.EnumerateFiles(Path.Combine(kept, "registry"), "*", SearchOption.AllDirectories).Should().NotBeEmpty();
        Directory.EnumerateFiles(Path.Combine(kept, "runs"), "*.json", SearchOption.AllDirectories).Should().NotBeEmpty();
    }

    [Fact]
    public void Run_AnotherSeed_DifferentNumbersSameStory()
    {
        var other = cli.Run("demo", "--seed", "7");

        other.ExitCode.Should().Be(CliApp.ExitNoDrift, other.Error);
        var lines = DemoRun.Lines(other.Output);
        lines.Should().NotEqual(DemoRun.Default.Timeline);
        lines.Should().Contain(l => RejectedLine().IsMatch(l)).And.Contain(l => RollbackLine().IsMatch(l));
        lines.Count(l => PromotedLine().IsMatch(l)).Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void Run_Default_LeavesNothingOutsideItsTempFolder()
    {
        var run = DemoRun.Default;

        run.Result.ExitCode.Should().Be(CliApp.ExitNoDrift, run.Result.Error);
        run.LeftInTemp.Should().BeEmpty("the registry and run history live in a temporary folder deleted at the end");
        run.LeftInWorkingDirectory.Should().BeEmpty();
    }

    [Fact]
    public void Run_Html_WritesOneSelfContainedFileWithTheTimelineAndTheDriftReports()
    {
        var run = DemoRun.Default;
        var html = File.ReadAllText(run.HtmlPath);

        DemoRun.Lines(run.Result.Output)[^1].Should().Contain(run.HtmlPath);
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("ROLLED BACK").And.Contain("REJECTED").And.Contain("PROMOTED");
        html.Should().NotContain("<script").And.NotContain("<link");
        ExternalReference().IsMatch(html).Should().BeFalse("the page is self-contained");
        var reports = DaySection().Matches(html).Count;
        reports.Should().BeGreaterThan(2);
        ChartPattern().Matches(html).Count.Should().Be(5 * reports, "each drift report draws one chart for each of the five features");
    }

    [Fact]
    public void Run_OutputFolderNotEmpty_ExitsWith2BeforeSimulating()
    {
        cli.Write("occupied.txt", "x");

        var result = cli.Run("demo", "--output", cli.Folder);

        result.ExitCode.Should().Be(CliApp.ExitUsage);
        result.Error.Should().Contain("--output").And.Contain("not empty");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public void Run_HtmlInMissingFolder_ExitsWith2BeforeSimulating()
    {
        var result = cli.Run("demo", "--html", Path.Combine(cli.Folder, "missing", "r.html"));

        result.ExitCode.Should().Be(CliApp.ExitUsage);
        result.Error.Should().Contain("--html").And.Contain("does not exist");
        result.Output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("README.md", "dotnet run --project src/RetrainTriggers.Cli -- demo")]
    [InlineData("docs/cli.md", "retrain-triggers demo [--seed 42]")]
    public void Docs_DemoExcerpt_IsWhatTheDefaultRunPrints(string page, string command)
    {
        var text = File.ReadAllText(Path.Combine(DocsSnippetTests.RepositoryRoot(), page)).ReplaceLineEndings("\n");
        var commandAt = text.IndexOf("```sh\n" + command, StringComparison.Ordinal);
        commandAt.Should().BeGreaterThanOrEqualTo(0, $"{page} shows the demo command");
        var start = text.IndexOf("```text\n", commandAt, StringComparison.Ordinal) + "```text\n".Length;
        var excerpt = text[start..text.IndexOf("\n```", start, StringComparison.Ordinal)].Split('\n');
        var printed = DemoRun.Default.Timeline;

        // Every shown line is printed, in the shown order; "..." stands for lines left out.
        var at = 0;
        foreach (var line in excerpt.Where(l => l != "..."))
        {
            var found = printed.Skip(at).ToList().IndexOf(line);
            found.Should().BeGreaterThanOrEqualTo(0, $"{page} shows '{line}', which the demo prints (after line {at})");
            at += found + 1;
        }

        excerpt.Count(l => l != "...").Should().BeGreaterThan(3);
    }

    [GeneratedRegex(@"^\s+PROMOTED v\d+$")]
    private static partial Regex PromotedLine();

    [GeneratedRegex(@"^\s+REJECTED v\d+, champion stays v\d+$")]
    private static partial Regex RejectedLine();

    [GeneratedRegex(@"^\s+ROLLED BACK v\d+ → v(?<restored>\d+): (?<reason>.+)$")]
    private static partial Regex RollbackLine();

    [GeneratedRegex("<section class=\"day\"")]
    private static partial Regex DaySection();

    [GeneratedRegex("<svg class=\"chart [a-z]+\"")]
    private static partial Regex ChartPattern();

    [GeneratedRegex("(src|href)\\s*=\\s*\"(https?:|//)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
