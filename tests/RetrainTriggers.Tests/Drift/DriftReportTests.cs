using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Drift;

public class DriftReportTests
{
    private static DriftReport SampleReport()
    {
        var profile = DatasetProfile.Build(new DriftWindow()
            .AddNumeric("age", DriftTestData.Normal(1, 2000, 40, 10))
            .AddNumeric("tiny", DriftTestData.Normal(2, 20))
            .AddCategorical("city", DriftTestData.Categories(3, 2000, ("a", 1), ("b", 2), (null, 0.1))));
        var window = new DriftWindow()
            .AddNumeric("age", DriftTestData.WithMissing(DriftTestData.Normal(4, 1000, 45, 10), every: 9))
            .AddNumeric("tiny", DriftTestData.Normal(5, 10))
            .AddCategorical("city", DriftTestData.Categories(6, 1000, ("a", 2), ("b", 1)));
        var options = new DriftDetectorOptions { FeatureImportances = new Dictionary<string, double> { ["age"] = 0.5, ["tiny"] = 0.2, ["city"] = 0.3 } };
        return new DriftDetector(profile, options, new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 30, 0, TimeSpan.FromHours(1))))
            .Detect(window);
    }

    [Fact]
    public void Json_RoundTrip_PreservesEveryField()
    {
        var report = SampleReport();

        var json = report.ToJson();
        var back = DriftReport.FromJson(json);

        back.Should().BeEquivalentTo(report);
        back.ToJson().Should().Be(json);
        back.GeneratedAt.Should().Be(report.GeneratedAt);
        back["age"].Statistics[0].Should().BeEquivalentTo(report["age"].Statistics[0]);
    }

    [Fact]
    public void Json_Shape_UsesCamelCaseAndEnumNames()
    {
        var node = JsonNode.Parse(SampleReport().ToJson())!;

        node["datasetDecision"]!.GetValue<string>().Should().BeOneOf("None", "Warning", "Drift");
        node["datasetRule"]!.GetValue<string>().Should().Be("ShareOfDriftedFeatures");
        node["features"]!.AsArray().Select(f => f!["feature"]!.GetValue<string>()).Should().Equal("age", "city", "tiny");
        node["features"]![2]!["decision"]!.GetValue<string>().Should().Be("InsufficientData");
        node["features"]![0]!["statistics"]![0]!["statistic"]!.GetValue<string>().Should().Be("Psi");
    }

    [Fact]
    public void FromJson_Corrupt_ThrowsInvalidData()
    {
        var act = () => DriftReport.FromJson("{\"generatedAt\":");

        act.Should().Throw<InvalidDataException>().WithMessage("*corrupt*");
    }

    [Fact]
    public void Indexer_UnknownFeature_ThrowsNamingIt()
    {
        var act = () => SampleReport()["nope"];

        act.Should().Throw<ArgumentException>().WithParameterName("feature").WithMessage("*nope*");
    }

    [Fact]
    public void ToJson_ReasonsWithComparisons_AreReadableAndValidJson()
    {
        var report = SampleReport();

        var json = report.ToJson();

        report.Features.SelectMany(f => f.Reasons).Should().Contain(r => r.Contains(">=", StringComparison.Ordinal) || r.Contains('<', StringComparison.Ordinal));
        json.Should().NotContain("\\u003C").And.NotContain("\\u003E").And.NotContain("\\u0027");
        json.Should().MatchRegex("[<>]=?");
        var act = () => System.Text.Json.JsonDocument.Parse(json);
        act.Should().NotThrow();
    }

    [Fact]
    public void Explain_Report_ListsVerdictFeaturesAndStatisticsWithTheirBounds()
    {
        var report = SampleReport();

        var lines = report.Explain().Split('\n');

        lines[0].Should().Be($"[{report.DatasetDecision}] dataset: {report.Reason}");
        lines.Should().Contain(l => l.StartsWith("  [", StringComparison.Ordinal) && l.Contains("age (Numeric)", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("    psi ", StringComparison.Ordinal) && l.Contains("(warning ≥ 0.1, drift ≥ 0.2)", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("    ks ", StringComparison.Ordinal) && l.Contains("(α 0.05)", StringComparison.Ordinal));
        lines.Should().HaveCount(1 + report.Features.Count + report.Features.Sum(f => f.Statistics.Count));
    }

    [Fact]
    public void FromJson_LargerThanTheLimit_ThrowsNamingTheLimit()
    {
        var json = SampleReport().ToJson();

        var act = () => DriftReport.FromJson(json, maxDocumentBytes: 100);

        act.Should().Throw<InvalidDataException>().WithMessage("*drift report document*larger than the limit of 100 bytes*maxDocumentBytes*");
    }
}
