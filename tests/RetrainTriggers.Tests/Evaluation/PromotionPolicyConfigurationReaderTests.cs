using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RetrainTriggers.Evaluation;
using static RetrainTriggers.Tests.Evaluation.EvaluationFixtures;

namespace RetrainTriggers.Tests.Evaluation;

public class PromotionPolicyConfigurationReaderTests
{
    [Fact]
    public void FromConfiguration_EveryKind_BuildsTheSameRulesAsTheBuilder()
    {
        var section = Promotion("""
            {
              "Metrics": { "accuracy": "HigherIsBetter", "latency": "LowerIsBetter" },
              "Rules": [
                { "Kind": "MinimumSampleSize", "Rows": 500 },
                { "Kind": "ValueThreshold", "Metric": "accuracy", "LowerBound": 0.8 },
                { "Kind": "Change", "Metric": "accuracy", "Absolute": 0.01, "Relative": 0.02, "Comparison": "Strict" },
                { "Kind": "Superior", "Metric": "accuracy", "Margin": 0.01 },
                { "Kind": "NonInferior", "Metric": "latency", "Margin": 5 },
                { "Kind": "SuspiciousImprovement", "Metric": "accuracy", "MaxImprovement": 0.1 },
                { "Kind": "McNemar", "Alpha": 0.05 },
                { "Kind": "PairedBootstrap", "Values": "RowLosses", "ConfidenceLevel": 0.9, "Resamples": 2000, "Seed": 42 }
              ]
            }
            """);

        PromotionPolicy policy = PromotionPolicy.FromConfiguration(section);

        policy.RuleNames.Should().Equal(
            "MinimumSampleSize(500)",
            "ValueThreshold(accuracy, lower 0.8)",
            "Change(accuracy, absolute 0.01, relative 0.02, strict)",
            "Superior(accuracy, margin 0.01)",
            "NonInferior(latency, margin 5)",
            "SuspiciousImprovement(accuracy, max 0.1)",
            "McNemar(alpha 0.05, Exact)",
            "PairedBootstrap(RowLosses, level 0.9, 2000 resamples, seed 42)");
        policy.AllowsUnconditionalPromotion.Should().BeFalse();
    }

    [Fact]
    public void FromConfiguration_SeedRule_DecidesLikeTheBuilder()
    {
        var section = Promotion("""
            { "Metrics": { "accuracy": "HigherIsBetter" }, "Rules": [ { "Kind": "Superior", "Metric": "accuracy", "Margin": 0.01 } ] }
            """);

        PromotionPolicy policy = PromotionPolicy.FromConfiguration(section);

        policy.Decide(Accuracy(0.85), Accuracy(0.86)).IsPromoted.Should().BeFalse();
        policy.Decide(Accuracy(0.85), Accuracy(0.87)).IsPromoted.Should().BeTrue();
    }

    [Fact]
    public void FromConfiguration_Defaults_MatchTheBuilderDefaults()
    {
        var section = Promotion("""
            { "Metrics": { "accuracy": "HigherIsBetter" }, "Rules": [ { "Kind": "McNemar" }, { "Kind": "PairedBootstrap" }, { "Kind": "Superior", "Metric": "accuracy" } ] }
            """);

        PromotionPolicy.FromConfiguration(section).RuleNames.Should().Equal(
            Builder().McNemar().PairedBootstrap().Superior("accuracy").Build().RuleNames);
    }

    [Fact]
    public void FromConfiguration_KeysAndEnumValues_IgnoreCase()
    {
        var section = Promotion("""
            { "metrics": { "rmse": "lowerisbetter" }, "rules": [ { "kind": "superior", "metric": "rmse", "margin": 0.5 } ] }
            """);

        PromotionPolicy.FromConfiguration(section).RuleNames.Should().Equal("Superior(rmse, margin 0.5)");
    }

    [Fact]
    public void FromConfiguration_CatalogSuppliesDirections()
    {
        var catalog = new MetricCatalog([new("rmse", MetricDirection.LowerIsBetter)]);
        var section = Promotion("""{ "Rules": [ { "Kind": "Superior", "Metric": "rmse" } ] }""");

        PromotionPolicy policy = PromotionPolicy.FromConfiguration(section, catalog);

        policy.Decide(Metrics(("rmse", 2.0)), Metrics(("rmse", 1.0))).IsPromoted.Should().BeTrue();
    }

    [Fact]
    public void FromConfiguration_AllowUnconditionalPromotion_IsCarried()
    {
        PromotionPolicy policy = PromotionPolicy.FromConfiguration(Promotion("""{ "AllowUnconditionalPromotion": true }"""));

        policy.Decide(null, Accuracy(0.1)).IsPromoted.Should().BeTrue();
    }

    [Fact]
    public void FromConfiguration_InvalidRules_ListsEveryProblemAtOnceWithItsConfigurationPathInSettingsOrder()
    {
        var section = Promotion("""
            {
              "Metrics": { "accuracy": "HigherIsBetter" },
              "Rules": [
                { "Kind": "Superior", "Metric": "accuracy", "LowerBound": 0.5 },
                { "Kind": "NonInferior", "Metric": "accuracy" },
                { "Kind": "McNemar", "Metric": "accuracy", "Alpha": 1.5 },
                { "Kind": "Superior", "Metric": "f1" },
                { "Kind": "MinimumSampleSize" },
                { "Kind": "Best" },
                { "Metric": "accuracy" },
                { "Kind": "SuspiciousImprovement" },
                { "Kind": "Superior", "Metric": "accuracy", "Margin": -1 },
                { "Kind": "ValueThreshold", "Metric": "accuracy", "LowerBound": 0.9, "UpperBound": 0.8 },
                { "Kind": "Change", "Metric": "accuracy" },
                { "Kind": "PairedBootstrap", "Resamples": 2147483647 }
              ]
            }
            """);

        Action act = () => PromotionPolicy.FromConfiguration(section);

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "Promotion:Rules:0:LowerBound is not a setting of Superior rules; expected one of Kind, Metric, Margin",
            "Promotion:Rules:1:Margin is required for NonInferior rules",
            "Promotion:Rules:2:Metric is not a setting of McNemar rules; expected one of Kind, Alpha, Method",
            "Promotion:Rules:2:Alpha must be in (0, 1) (was 1.5)",
            "Promotion:Rules:3:Metric 'f1' has no declared direction; declare it under Promotion:Metrics (HigherIsBetter or LowerIsBetter) or use a catalog that knows it",
            "Promotion:Rules:4:Rows is required for MinimumSampleSize rules",
            "Promotion:Rules:5:Kind 'Best' is not one of ValueThreshold, Change, Superior, NonInferior, SuspiciousImprovement, McNemar, PairedBootstrap, MinimumSampleSize",
            "Promotion:Rules:6:Kind is required; expected one of ValueThreshold, Change, Superior, NonInferior, SuspiciousImprovement, McNemar, PairedBootstrap, MinimumSampleSize",
            "Promotion:Rules:7:Metric is required for SuspiciousImprovement rules",
            "Promotion:Rules:7:MaxImprovement is required for SuspiciousImprovement rules",
            "Promotion:Rules:8:Margin must be a finite number >= 0 (was -1)",
            "Promotion:Rules:9:LowerBound 0.9 is greater than UpperBound 0.8",
            "Promotion:Rules:10 must set Absolute, Relative or both",
            "Promotion:Rules:11:Resamples must be from 100 to 1000000 (was 2147483647)");
    }

    [Theory]
    [InlineData("""{ "Kind": "McNemar", "Alpha": "five percent" }""", "Promotion:Rules:0:Alpha 'five percent' is not a finite number; write it with the invariant culture, e.g. 0.05")]
    [InlineData("""{ "Kind": "McNemar", "Alpha": "0,05" }""", "Promotion:Rules:0:Alpha '0,05' is not a finite number; write it with the invariant culture, e.g. 0.05")]
    [InlineData("""{ "Kind": "McNemar", "Method": "Fisher" }""", "Promotion:Rules:0:Method 'Fisher' is not one of Exact, ChiSquareCorrected, ChiSquare")]
    [InlineData("""{ "Kind": "NonInferior", "Metric": "accuracy", "Margin": "small" }""", "Promotion:Rules:0:Margin 'small' is not a finite number; write it with the invariant culture, e.g. 0.05")]
    [InlineData("""{ "Kind": "MinimumSampleSize", "Rows": 1.5 }""", "Promotion:Rules:0:Rows '1.5' is not a whole number")]
    [InlineData("""{ "Kind": "PairedBootstrap", "Seed": -1 }""", "Promotion:Rules:0:Seed '-1' is not a whole number from 0 to 18446744073709551615")]
    [InlineData("""{ "Kind": "ValueThreshold", "Metric": "accuracy", "LowerBound": 0.5, "Comparison": "1" }""", "Promotion:Rules:0:Comparison '1' is not one of Inclusive, Strict")]
    public void FromConfiguration_ValueThatDoesNotParse_IsReportedOnceWithItsPath(string rule, string expected)
    {
        var section = Promotion($$"""{ "Metrics": { "accuracy": "HigherIsBetter" }, "Rules": [ {{rule}} ] }""");

        Action act = () => PromotionPolicy.FromConfiguration(section);

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(expected);
    }

    [Theory]
    [InlineData("""{ "Metrics": { "accuracy": "Up" } }""", "Promotion:Metrics:accuracy 'Up' is not one of HigherIsBetter, LowerIsBetter")]
    [InlineData("""{ "Metrics": "accuracy" }""", "Promotion:Metrics must be an object of metric name and direction (HigherIsBetter or LowerIsBetter), not the value 'accuracy'")]
    [InlineData("""{ "Rules": "Superior" }""", "Promotion:Rules must be a list of rules, each with a Kind, not the value 'Superior'")]
    [InlineData("""{ "AllowUnconditionalPromotion": "yes" }""", "Promotion:AllowUnconditionalPromotion 'yes' is not true or false")]
    [InlineData("""{ "Rule": [ { "Kind": "McNemar" } ] }""", "Promotion:Rule is not a known setting; expected one of Metrics, AllowUnconditionalPromotion, Rules")]
    public void FromConfiguration_BadPolicySetting_NamesItsPath(string json, string expected)
    {
        Action act = () => PromotionPolicy.FromConfiguration(Promotion(json));

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(expected);
    }

    [Theory]
    [InlineData("""{ "Kind": "NonInferior", "Metric": "accuracy", "Margin": { "Value": 0.01 } }""", "Promotion:Rules:0:Margin must be a value, not a section")]
    [InlineData("""{ "Kind": "McNemar", "Alpha": [ 0.05 ] }""", "Promotion:Rules:0:Alpha must be a value, not a section")]
    [InlineData("""{ "Kind": "Superior", "Metric": { "Name": "accuracy" } }""", "Promotion:Rules:0:Metric must be a value, not a section")]
    [InlineData("""{ "Kind": { "Name": "McNemar" } }""", "Promotion:Rules:0:Kind must be a value, not a section")]
    public void FromConfiguration_SectionWhereAValueIsExpected_IsReportedAsSuchNotAsMissing(string rule, string expected)
    {
        var section = Promotion($$"""{ "Metrics": { "accuracy": "HigherIsBetter" }, "Rules": [ {{rule}} ] }""");

        Action act = () => PromotionPolicy.FromConfiguration(section);

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(expected);
    }

    [Fact]
    public void FromConfiguration_ParseAndRangeErrors_BothStartWithTheFullKeyPath()
    {
        var section = Configuration("""
            { "RetrainTriggers": { "Promotion": { "Rules": [ { "Kind": "McNemar", "Alpha": "5%" }, { "Kind": "McNemar", "Alpha": 2 } ] } } }
            """).GetSection("RetrainTriggers:Promotion");

        Action act = () => PromotionPolicy.FromConfiguration(section);

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "RetrainTriggers:Promotion:Rules:0:Alpha '5%' is not a finite number; write it with the invariant culture, e.g. 0.05",
            "RetrainTriggers:Promotion:Rules:1:Alpha must be in (0, 1) (was 2)");
    }

    [Fact]
    public void FromConfiguration_NestedSection_PrefixesTheFullPath()
    {
        var section = Configuration("""
            { "Models": { "churn": { "Promotion": { "Rules": [ { "Kind": "MinimumSampleSize", "Rows": 0 } ] } } } }
            """).GetSection("Models:churn:Promotion");

        Action act = () => PromotionPolicy.FromConfiguration(section);

        OptionsValidationException error = act.Should().Throw<OptionsValidationException>().Which;
        error.Failures.Should().Equal("Models:churn:Promotion:Rules:0:Rows must be at least 1 (was 0)");
        error.OptionsName.Should().Be("Models:churn:Promotion");
        error.OptionsType.Should().Be<PromotionPolicy>();
    }

    [Fact]
    public void FromConfiguration_MissingSection_Throws()
    {
        Action act = () => PromotionPolicy.FromConfiguration(Configuration("{}").GetSection("Promotion"));

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "Promotion is missing or empty; expected Metrics, AllowUnconditionalPromotion, Rules");
    }

    [Fact]
    public void FromConfiguration_Null_Throws()
    {
        Action act = () => PromotionPolicy.FromConfiguration(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("section");
    }

    [Fact]
    public void Kinds_EveryRuleKindHasItsKeys()
    {
        PromotionPolicyConfigurationReader.Kinds.Keys.Should().BeEquivalentTo(Enum.GetValues<RuleKind>());
    }

    [Fact]
    public void Kinds_KeysAreTheBuilderMethodsParameters()
    {
        // The builder words its problems with the key of a parameter, so each kind's keys must be its method's parameters.
        foreach ((RuleKind kind, PromotionPolicyConfigurationReader.KindReader reader) in PromotionPolicyConfigurationReader.Kinds)
        {
            MethodInfo method = typeof(PromotionPolicyBuilder).GetMethod(kind.ToString(), BindingFlags.Public | BindingFlags.Instance)!;

            method.GetParameters().Select(p => char.ToUpperInvariant(p.Name![0]) + p.Name[1..]).Should().Equal(reader.Keys, kind.ToString());
        }
    }

    private static IConfigurationRoot Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static IConfigurationSection Promotion(string json) =>
        Configuration($$"""{ "Promotion": {{json}} }""").GetSection("Promotion");
}
