using Microsoft.ML;
using RetrainTriggers.Data;

namespace RetrainTriggers.MLNet.Tests;

public sealed class DataViewDriftTests
{
    private static readonly Row[] Rows =
    [
        new() { Age = 31, Plan = "basic", Churned = false },
        new() { Age = 42, Plan = "pro", Churned = true },
        new() { Age = float.NaN, Plan = "", Churned = false },
        new() { Age = 23, Plan = "basic", Churned = false },
    ];

    [Fact]
    public void ToDatasetProfile_Schema_GivesNumericAndCategoricalFeatures()
    {
        var data = new MLContext(seed: 1).Data.LoadFromEnumerable(Rows);

        var profile = data.ToDatasetProfile();

        var expected = new ColumnSelectors<Row>()
            .Numeric("Age", r => r.Age)
            .Categorical("Plan", r => r.Plan.Length == 0 ? null : r.Plan)
            .Categorical("Churned", r => r.Churned ? "true" : "false")
            .ToProfile(Rows);
        profile.ToJson().Should().Be(expected.ToJson());
    }

    [Fact]
    public void ToDriftWindow_NamedColumns_ReadsOnlyThem()
    {
        var data = new MLContext(seed: 1).Data.LoadFromEnumerable(Rows);

        var window = data.ToDriftWindow("Plan");

        window.FeatureCount.Should().Be(1);
        window.CategoricalColumns["Plan"].ToArray().Should().Equal("basic", "pro", null, "basic");
    }

    [Fact]
    public void ToDriftWindow_UnknownColumn_ThrowsNamingIt()
    {
        var data = new MLContext(seed: 1).Data.LoadFromEnumerable(Rows);

        var act = () => data.ToDriftWindow("Nope");

        act.Should().Throw<ArgumentException>().WithMessage("*no column 'Nope'*Age*");
    }

    public sealed class Row
    {
        public float Age { get; set; }

        public string Plan { get; set; } = string.Empty;

        public bool Churned { get; set; }
    }
}
