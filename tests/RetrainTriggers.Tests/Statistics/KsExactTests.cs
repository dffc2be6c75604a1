using RetrainTriggers.Statistics;

namespace RetrainTriggers.Tests.Statistics;

/// <summary>The exact two-sample KS path against values printed by scipy 1.10's private helpers.</summary>
public class KsExactTests
{
    [Fact]
    public void ProbOutsideSquare_MatchesScipy()
    {
        // scipy.stats._stats_py._compute_prob_outside_square(10, 3)
        KsExact.ProbOutsideSquare(10, 3).Should().BeApproximately(0.7869297884777761, 1e-15);
    }

    [Fact]
    public void OuterProbInsideMethod_MatchesScipy()
    {
        // scipy.stats._stats_pythran._compute_outer_prob_inside_method(10, 7, 1, 30)
        KsExact.OuterProbInsideMethod(10, 7, 1, 30).Should().BeApproximately(0.3206499382969971, 1e-15);
    }

    [Fact]
    public void CountPathsOutside_MatchesScipy()
    {
        // scipy.stats._stats_py._count_paths_outside_method(10, 7, 1, 30) == 3127, binom(17, 7) == 19448
        KsExact.CountPathsOutside(10, 7, 1, 30).Should().Be(3127.0);
        KsExact.Binomial(17, 7).Should().Be(19448.0);
    }

    [Fact]
    public void TryPValue_OneSidedUnequal_MatchesScipy()
    {
        // scipy: _attempt_exact_2kssamp(60, 70, 10, 0.2, 'greater') == (True, 0.2, 0.06517927658709732)
        double d = 0.2;

        bool ok = KsExact.TryPValue(60, 70, 10, ref d, KolmogorovSmirnovAlternative.Greater, out double p);

        ok.Should().BeTrue();
        d.Should().Be(0.2);
        p.Should().BeApproximately(0.06517927658709732, 1e-14);
    }

    [Fact]
    public void TryPValue_OneSidedOverflow_ReportsFailureLikeScipy()
    {
        // scipy: _attempt_exact_2kssamp(600, 700, 100, 0.05, 'less') == (False, 0.05, nan) -> ks_2samp switches to asymp
        double d = 0.05;

        bool ok = KsExact.TryPValue(600, 700, 100, ref d, KolmogorovSmirnovAlternative.Less, out double p);

        ok.Should().BeFalse();
        double.IsNaN(p).Should().BeTrue();
    }
}
