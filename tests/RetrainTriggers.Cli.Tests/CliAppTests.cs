using RetrainTriggers.Cli.Tests.TestSupport;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Cli.Tests;

public sealed class CliAppTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Run_SampleFiles_ReportsDatasetDriftWithExitCode1()
    {
        var result = cli.Run("drift", "--reference", Path.Combine(CliHarness.Samples, "reference.csv"), "--current", Path.Combine(CliHarness.Samples, "current.csv"));

        result.ExitCode.Should().Be(CliApp.ExitDrift, result.Error);
        result.Output.Should().Contain("Dataset drift:").And.Contain("age");
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public void Run_SameDistributionFreshData_ExitsWith0()
    {
        var reference = cli.WriteSynthetic("ref.csv", seed: 101, rows: 3000, shift: 0);
        var current = cli.WriteSynthetic("cur.csv", seed: 202, rows: 2000, shift: 0);

        var result = cli.Run("drift", "--reference", reference, "--current", current);

        result.ExitCode.Should().Be(CliApp.ExitNoDrift, result.Output + result.Error);
        result.Output.Should().Contain("No dataset drift");
    }

    [Fact]
    public void Run_DriftedFreshData_ExitsWith1()
    {
        var reference = cli.WriteSynthetic("ref.csv", seed: 303, rows: 3000, shift: 0);
        var current = cli.WriteSynthetic("cur.csv", seed: 404, rows: 2000, shift: 1);

        var result = cli.Run("drift", "--reference", reference, "--current", current);

        result.ExitCode.Should().Be(CliApp.ExitDrift, result.Output + result.Error);
    }

    [Fact]
    public void Run_ProfileThenDriftAgainstProfile_GivesTheSameVerdictAsTheCsv()
    {
        var reference = cli.WriteSynthetic("ref.csv", seed: 505, rows: 2000, shift: 0);
        var current = cli.WriteSynthetic("cur.csv", seed: 606, rows: 1500, shift: 1);
        var profile = cli.PathOf("profile.json");

        var profiled = cli.Run("profile", "--input", reference, "--output", profile);
        var fromProfile = cli.Run("drift", "--reference-profile", profile, "--current", current, "--format", "json");
        var fromCsv = cli.Run("drift", "--reference", reference, "--current", current, "--format", "json");

        profiled.ExitCode.Should().Be(0, profiled.Error);
        profiled.Output.Should().Contain("Profiled 2000 rows");
        fromProfile.ExitCode.Should().Be(CliApp.ExitDrift, fromProfile.Error);
        var a = DriftReport.FromJson(fromProfile.Output);
        var b = DriftReport.FromJson(fromCsv.Output);
        a.Features.Select(f => (f.Feature, f.Decision)).Should().Equal(b.Features.Select(f => (f.Feature, f.Decision)));
    }

    [Fact]
    public void Run_Columns_ChecksOnlyThoseFeatures()
    {
        var reference = cli.WriteSynthetic("ref.csv", seed: 1, rows: 500, shift: 0);
        var current = cli.WriteSynthetic("cur.csv", seed: 2, rows: 500, shift: 0);

        var result = cli.Run("drift", "--reference", reference, "--current", current, "--columns", "height,segment", "--format", "json");

        DriftReport.FromJson(result.Output).Features.Select(f => f.Feature).Should().Equal("height", "segment");
    }

    [Fact]
    public void Run_Categorical_ReadsNumericColumnAsCategories()
    {
        var reference = cli.Write("ref.csv", "code,x\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"{i % 3},{i}\n")));

        var result = cli.Run("drift", "--reference", reference, "--current", reference, "--categorical", "code", "--format", "json");

        DriftReport.FromJson(result.Output)["code"].Kind.Should().Be(FeatureKind.Categorical);
    }

    [Fact]
    public void Run_ConfigFile_AppliesItsRules()
    {
        var reference = cli.WriteSynthetic("ref.csv", seed: 7, rows: 1000, shift: 0);
        var current = cli.WriteSynthetic("cur.csv", seed: 8, rows: 1000, shift: 1);
        var config = cli.Write("drift.json", """
            { // comments are allowed
              "DriftShareThreshold": 1.0,
              "IgnoredFeatures": ["channel"],
              "rules": { "NumericStatistics": ["Psi", "WassersteinNormalized"], "PsiDriftThreshold": 0.3 }
            }
            """);

        var result = cli.Run("drift", "--reference", reference, "--current", current, "--config", config, "--format", "json");

        result.Error.Should().BeEmpty();
        var report = DriftReport.FromJson(result.Output);
        report.DriftShareThreshold.Should().Be(1.0);
        report.Features.Select(f => f.Feature).Should().NotContain("channel");
        report["height"].Statistics.Select(s => s.Statistic).Should().Contain(DriftStatistic.WassersteinNormalized).And.NotContain(DriftStatistic.KolmogorovSmirnov);
    }

    [Theory]
    [InlineData("missing-current")]
    [InlineData("malformed")]
    [InlineData("not-a-number")]
    [InlineData("unknown-column")]
    [InlineData("bad-config-value")]
    [InlineData("bad-config-key")]
    [InlineData("bad-config-json")]
    [InlineData("config-too-large")]
    [InlineData("both-references")]
    [InlineData("unknown-format")]
    [InlineData("unknown-option")]
    [InlineData("bad-profile")]
    [InlineData("profile-too-large")]
    public void Run_BadInput_ExitsWith2AndOneLineNamingTheProblem(string scenario)
    {
        var reference = cli.WriteSynthetic("ref.csv", seed: 9, rows: 200, shift: 0);
        var (args, expected) = scenario switch
        {
            "missing-current" => (new[] { "drift", "--reference", reference, "--current", cli.PathOf("absent.csv") }, "--current"),
            "malformed" => (["drift", "--reference", reference, "--current", cli.Write("m.csv", "height,weight,spend,segment,channel\n1,2,3,a\n")], "m.csv line 2"),
            "not-a-number" => (["drift", "--reference", reference, "--current", cli.Write("n.csv", "height,weight,spend,segment,channel\n1,2,3,a,web\n1,2,abc,a,web\n")], "line 3, column 'spend'"),
            "unknown-column" => (["drift", "--reference", reference, "--current", reference, "--columns", "height,nope"], "column 'nope'"),
            "bad-config-value" => (["drift", "--reference", reference, "--current", reference, "--config", cli.Write("c.json", """{"Rules":{"Alpha":2}}""")], "Alpha"),
            "bad-config-key" => (["drift", "--reference", reference, "--current", reference, "--config", cli.Write("c.json", """{"Rules":{"Alfa":0.1}}""")], "Rules:Alfa is not a known setting"),
            "bad-config-json" => (["drift", "--reference", reference, "--current", reference, "--config", cli.Write("c.json", "{ nope")], "not valid JSON"),
            "config-too-large" => (["drift", "--reference", reference, "--current", reference, "--config", cli.Write("c.json", "{}" + new string(' ', 17 * 1024 * 1024))], "larger than the 16777216-byte limit of a configuration file"),
            "both-references" => (["drift", "--reference", reference, "--reference-profile", reference, "--current", reference], "either --reference"),
            "unknown-format" => (["drift", "--reference", reference, "--current", reference, "--format", "xml"], "xml"),
            "unknown-option" => (["drift", "--reference", reference, "--current", reference, "--colour"], "--colour"),
            "profile-too-large" => (["drift", "--reference-profile", cli.Write("p.json", "{}" + new string(' ', 65 * 1024 * 1024)), "--current", reference], "larger than the 67108864-byte limit of a profile document; it was not read"),
            _ => (["drift", "--reference-profile", cli.Write("p.json", """{"format":"something-else"}"""), "--current", reference], "--reference-profile"),
        };

        var result = cli.Run(args);

        result.ExitCode.Should().Be(CliApp.ExitUsage, result.Output);
        result.Error.Should().StartWith("retrain-triggers: ").And.Contain(expected);
        result.Error.TrimEnd().Should().NotContain("\n", "the message is one line").And.NotContain(" at RetrainTriggers");
    }

    [Fact]
    public void Run_OutputFile_WritesTheReportAndSaysWhere()
    {
        var reference = cli.WriteSynthetic("ref.csv", seed: 11, rows: 300, shift: 0);
        var target = cli.PathOf("report.md");

        var result = cli.Run("drift", "--reference", reference, "--current", reference, "--output", target);

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain("Report (markdown) written to");
        File.ReadAllText(target).Should().StartWith("# Drift report").And.Contain("| height | numeric | No drift |");
        Directory.GetFiles(cli.Folder, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public void Run_OutputInMissingFolder_ExitsWith2()
    {
        var reference = cli.WriteSynthetic("ref.csv", seed: 12, rows: 100, shift: 0);

        var result = cli.Run("drift", "--reference", reference, "--current", reference, "--output", cli.PathOf("no/such/report.html"));

        result.ExitCode.Should().Be(CliApp.ExitUsage);
        result.Error.Should().Contain("does not exist");
    }

    [Fact]
    public void Run_TableRedirected_HasNoEscapeCodes()
    {
        var result = cli.Run("drift", "--reference", Path.Combine(CliHarness.Samples, "reference.csv"), "--current", Path.Combine(CliHarness.Samples, "current.csv"));

        result.Output.Should().NotContain("\u001b[");
        result.Output.Should().Contain("| age ");
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public void ColourOut_TerminalAndNoColor_DecideColour(bool terminal, bool noColor, bool expected)
    {
        new CliConsole(TextWriter.Null, TextWriter.Null, terminal, terminal, noColor).ColourOut.Should().Be(expected);
    }
}
