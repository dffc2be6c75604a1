using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class MultipleTestingTests
{
    public static TheoryData<string> MultipleTestingCases => BinnedReferenceData.Names(BinnedReferenceData.MultipleTesting);

    [Theory]
    [MemberData(nameof(MultipleTestingCases))]
    public void AdjustAndReject_ReferenceCase_MatchStatsmodels(string name)
    {
        var c = BinnedReferenceData.Case(BinnedReferenceData.MultipleTesting, name);
        var pValues = c.GetProperty("pvalues").Doubles();
        var method = c.GetProperty("method").GetString() switch
        {
            "bonferroni" => MultipleTestingMethod.Bonferroni,
            "fdr_bh" or "benjamini-hochberg" => MultipleTestingMethod.BenjaminiHochberg,
            var other => throw new InvalidOperationException($"Unknown method {other} in {name}."),
        };
        var expected = c.GetProperty("expected");
        var expectedAdjusted = expected.GetProperty("adjusted").Doubles();

        var adjusted = MultipleTesting.Adjust(pValues, method);
        var destination = new double[pValues.Length];
        MultipleTesting.Adjust(pValues, method, destination);
        var reject = MultipleTesting.Reject(pValues, method, c.Double("alpha"));

        for (var i = 0; i < pValues.Length; i++)
        {
            adjusted[i].ShouldMatchPValue(expectedAdjusted[i], $"adjusted[{i}]");
        }

        destination.Should().Equal(adjusted);
        reject.Should().Equal(expected.GetProperty("reject").EnumerateArray().Select(e => e.GetBoolean()));
    }

    [Fact]
    public void Adjust_TiedPValues_MatchStatsmodels()
    {
        double[] p = [0.01, 0.04, 0.04, 0.04, 0.2, 0.03, 0.5];

        MultipleTesting.Adjust(p, MultipleTestingMethod.BenjaminiHochberg).Should().Equal(0.056, 0.056, 0.056, 0.056, 0.23333333333333336, 0.056, 0.5);
        MultipleTesting.Adjust(p, MultipleTestingMethod.Bonferroni).Should().Equal(0.07, 0.28, 0.28, 0.28, 1.0, 0.21, 1.0);
        MultipleTesting.Reject(p, MultipleTestingMethod.BenjaminiHochberg, 0.3).Should().Equal(true, true, true, true, true, true, false);
        MultipleTesting.Reject(p, MultipleTestingMethod.Bonferroni, 0.3).Should().Equal(true, true, true, true, false, true, false);
        MultipleTesting.Reject(p, MultipleTestingMethod.BenjaminiHochberg, 0.05).Should().OnlyContain(r => !r);
    }

    [Fact]
    public void Reject_BonferroniComparesRawPWithAlphaOverM()
    {
        // p = 0.05 / 11 is rejected by statsmodels although its adjusted value p * 11 rounds to 0.05000000000000001.
        var p = new double[11];
        Array.Fill(p, 0.9);
        p[0] = 0.05 / 11;

        MultipleTesting.Adjust(p, MultipleTestingMethod.Bonferroni)[0].Should().Be(0.05000000000000001);
        MultipleTesting.Reject(p, MultipleTestingMethod.Bonferroni, 0.05)[0].Should().BeTrue();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(31)]
    public void Adjust_RandomPValues_AreBoundedMonotoneAndNotBelowRaw(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 200; trial++)
        {
            var p = Enumerable.Range(0, random.Next(1, 300)).Select(_ => Math.Round(Math.Pow(random.NextDouble(), 3), random.Next(2, 6))).ToArray();
            foreach (var method in new[] { MultipleTestingMethod.Bonferroni, MultipleTestingMethod.BenjaminiHochberg })
            {
                var adjusted = MultipleTesting.Adjust(p, method);
                var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ToArray();
                for (var k = 0; k < p.Length; k++)
                {
                    adjusted[k].Should().BeInRange(0, 1);
                    adjusted[k].Should().BeGreaterThanOrEqualTo(p[k]);
                    if (k > 0)
                    {
                        adjusted[order[k]].Should().BeGreaterThanOrEqualTo(adjusted[order[k - 1]], "adjusted p-values are monotone in the raw ones");
                    }
                }

                var reject = MultipleTesting.Reject(p, method, 0.05);
                for (var k = 0; k < p.Length; k++)
                {
                    // Rejection agrees with the adjusted p-value except where rounding sits exactly on alpha.
                    if (Math.Abs(adjusted[k] - 0.05) > 1e-12)
                    {
                        reject[k].Should().Be(adjusted[k] <= 0.05);
                    }
                }
            }
        }
    }

    [Fact]
    public void Adjust_ManyPValues_UsesPooledScratchCorrectly()
    {
        var p = Enumerable.Range(1, 1000).Select(i => i / 1000.0).Reverse().ToArray();

        var adjusted = MultipleTesting.Adjust(p, MultipleTestingMethod.BenjaminiHochberg);

        adjusted.Should().OnlyContain(a => a == 1.0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Reject_AlphaOutsideOpenUnitInterval_Throws(double alpha)
    {
        var act = () => MultipleTesting.Reject([0.01, 0.2], MultipleTestingMethod.BenjaminiHochberg, alpha);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("alpha");
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void AdjustAndReject_PValueOutsideUnitInterval_Throw(double bad)
    {
        double[] p = [0.2, bad];

        FluentActions.Invoking(() => MultipleTesting.Adjust(p, MultipleTestingMethod.Bonferroni)).Should().Throw<ArgumentException>().WithParameterName("pValues");
        FluentActions.Invoking(() => MultipleTesting.Reject(p, MultipleTestingMethod.BenjaminiHochberg)).Should().Throw<ArgumentException>().WithParameterName("pValues");
    }

    [Fact]
    public void AdjustAndReject_BadShapeOrMethod_Throw()
    {
        FluentActions.Invoking(() => MultipleTesting.Adjust([], MultipleTestingMethod.Bonferroni)).Should().Throw<ArgumentException>().WithParameterName("pValues");
        FluentActions.Invoking(() => MultipleTesting.Adjust([0.1, 0.2], MultipleTestingMethod.Bonferroni, new double[3])).Should().Throw<ArgumentException>().WithParameterName("destination");
        FluentActions.Invoking(() => MultipleTesting.Adjust([0.1], (MultipleTestingMethod)99)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("method");
        FluentActions.Invoking(() => MultipleTesting.Reject([0.1], (MultipleTestingMethod)99)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("method");
    }
}
