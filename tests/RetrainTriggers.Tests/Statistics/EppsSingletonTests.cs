using RetrainTriggers.Tests.TestData;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

public class EppsSingletonTests
{
    public static TheoryData<string> Cases => GoldenData.Reference.Names(MoreReferenceData.EppsSingleton);

    [Theory]
    [MemberData(nameof(Cases))]
    public void TwoSample_ReferenceCase_MatchesScipy(string name)
    {
        var c = GoldenData.Reference.Case(MoreReferenceData.EppsSingleton, name);

        var result = EppsSingleton.TwoSample(
            c.GetProperty("reference").Doubles(),
            c.GetProperty("current").Doubles(),
            c.GetProperty("t").Doubles());

        var expected = c.GetProperty("expected");
        // W inherits a relative rounding sensitivity of about the covariance's condition number times 1e-16 (the file's
        // diagnostics say so), so an ill-conditioned case is compared within that bound when it exceeds 1e-12.
        var condition = c.GetProperty("diagnostics").Double("covariance_condition_number");
        var w = expected.Double("statistic");
        result.Statistic.Should().BeApproximately(w, Math.Max(1e-12, 4e-16 * Math.Min(condition, 1e6) * Math.Abs(w)), name);
        result.PValue.ShouldMatchPValue(expected.Double("pvalue"), name);
        result.DegreesOfFreedom.Should().Be(expected.GetProperty("df").GetInt32());
        result.SmallSampleCorrection.Should().Be(expected.GetProperty("small_sample_correction").GetBoolean());
    }

    [Fact]
    public void TwoSample_DefaultPoints_AreScipys()
    {
        double[] x = [0.1, 0.5, 0.9, 1.3, 2.2, 0.4];
        double[] y = [1.1, 1.5, 1.9, 2.3, 3.2, 1.4, 0.8];

        EppsSingleton.TwoSample(x, y).Should().Be(EppsSingleton.TwoSample(x, y, [0.4, 0.8]));
    }

    [Fact]
    public void TwoSample_TooFewValues_ThrowsNamingTheParameter()
    {
        var act = () => EppsSingleton.TwoSample([1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("current");
    }
}
