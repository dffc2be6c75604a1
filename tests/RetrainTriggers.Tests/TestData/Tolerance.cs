using System.Globalization;

namespace RetrainTriggers.Tests.TestData;

/// <summary>The one definition of how close a result must be to its golden value: statistics within 1e-12 absolute, p-values within 1e-9 absolute or 1e-6 relative.</summary>
internal static class Tolerance
{
    public const double StatisticAbsolute = 1e-12;
    public const double PValueAbsolute = 1e-9;
    public const double PValueRelative = 1e-6;

    public static void ShouldMatchStatistic(this double actual, double expected, string what) =>
        actual.Should().BeApproximately(expected, StatisticAbsolute, what);

    public static void ShouldMatchStatistics(this IReadOnlyList<double> actual, double[] expected, string what)
    {
        actual.Should().HaveCount(expected.Length, what);
        for (var i = 0; i < expected.Length; i++)
        {
            actual[i].ShouldMatchStatistic(expected[i], $"{what}[{i.ToString(CultureInfo.InvariantCulture)}]");
        }
    }

    public static void ShouldMatchPValue(this double actual, double expected, string what)
    {
        var difference = Math.Abs(actual - expected);
        var ok = difference <= PValueAbsolute || difference <= PValueRelative * Math.Abs(expected);
        ok.Should().BeTrue(
            $"{what}: p-value {actual.ToString("R", CultureInfo.InvariantCulture)} should match {expected.ToString("R", CultureInfo.InvariantCulture)} within 1e-9 absolute or 1e-6 relative");
    }
}
