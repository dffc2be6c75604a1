using RetrainTriggers.Data;
using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Data;

public sealed class ColumnSelectorsTests
{
    private static readonly Row[] Rows =
    [
        new(31, 1.5, "basic"),
        new(42, null, "pro"),
        new(57, 2.5, null),
        new(23, 0.5, "basic"),
    ];

    [Fact]
    public void ToWindow_Selectors_ReadEveryRowWithNullAsMissing()
    {
        var window = Selectors().ToWindow(Rows);

        window.NumericColumns["age"].ToArray().Should().Equal(31, 42, 57, 23);
        var spend = window.NumericColumns["spend"].ToArray();
        spend[0].Should().Be(1.5);
        double.IsNaN(spend[1]).Should().BeTrue();
        window.CategoricalColumns["plan"].ToArray().Should().Equal("basic", "pro", null, "basic");
    }

    [Fact]
    public void ToProfile_Selectors_EqualsProfileOfTheSameColumns()
    {
        var window = Selectors().ToWindow(Rows);

        Selectors().ToProfile(Rows).ToJson().Should().Be(DatasetProfile.Build(window).ToJson());
    }

    [Fact]
    public void ToProfile_EnumeratesRowsOnce()
    {
        var enumerations = 0;
        IEnumerable<Row> Source()
        {
            enumerations++;
            foreach (var row in Rows)
            {
                yield return row;
            }
        }

        Selectors().ToProfile(Source());

        enumerations.Should().Be(1);
    }

    [Fact]
    public void Numeric_DuplicateName_Throws()
    {
        var act = () => new ColumnSelectors<Row>().Numeric("age", r => r.Age).Categorical("age", r => r.Plan);

        act.Should().Throw<ArgumentException>().WithMessage("*'age' was already added*");
    }

    [Fact]
    public void ToWindow_NoColumn_Throws()
    {
        var act = () => new ColumnSelectors<Row>().ToWindow(Rows);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Guards_NullArguments_Throw()
    {
        var selectors = new ColumnSelectors<Row>();

        selectors.Invoking(s => s.Numeric("a", (Func<Row, double>)null!)).Should().Throw<ArgumentNullException>();
        selectors.Invoking(s => s.Categorical(" ", r => r.Plan)).Should().Throw<ArgumentException>();
        Selectors().Invoking(s => s.ToWindow(null!)).Should().Throw<ArgumentNullException>();
    }

    private static ColumnSelectors<Row> Selectors() => new ColumnSelectors<Row>()
        .Numeric("age", r => r.Age)
        .Numeric("spend", r => r.Spend)
        .Categorical("plan", r => r.Plan);

    public sealed record Row(int Age, double? Spend, string? Plan);
}
