using RetrainTriggers.Drift.Performance;

namespace RetrainTriggers.Tests.Drift.Performance;

public class PerformanceEstimatorTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Estimate_CovariateShiftedWindow_TrueMetricsLieWithinTheBand(int seed, bool miscalibrated)
    {
        var random = new Random(seed);
        var (refScores, refLabels) = Sample(random, 6000, () => random.NextDouble(), miscalibrated);
        var (scores, labels) = Sample(random, 2000, () => 0.25 + (0.5 * random.NextDouble()), miscalibrated);
        var estimator = PerformanceEstimator.Fit(refScores, refLabels);

        var estimate = estimator.Estimate(scores);

        var truth = PerformanceEstimator.Realised(scores, labels, 0.5);
        var metrics = new[] { estimate.Accuracy, estimate.Precision, estimate.Recall, estimate.F1, estimate.RocAuc };
        truth[0].Should().BeInRange(estimate.Accuracy.Lower, estimate.Accuracy.Upper, "the true accuracy lies in the band");
        for (var m = 0; m < metrics.Length; m++)
        {
            // The band comes from the reference's chunk spread at the window's size; for metrics over a subset of the rows
            // (precision over predicted positives, ...) it is an approximation, so those are held to 1.5 half-widths.
            var halfWidth = (metrics[m].Upper - metrics[m].Lower) / 2;
            Math.Abs(truth[m] - metrics[m].Value).Should().BeLessThanOrEqualTo(1.5 * halfWidth, $"metric {m} with seed {seed}");
            (metrics[m].Upper - metrics[m].Lower).Should().BeLessThan(0.2, "the band is informative");
        }

        // The shifted window is harder than the reference: the estimate sees the accuracy drop without labels.
        estimate.Accuracy.Value.Should().BeLessThan(estimator.Reference.Accuracy.Value - 0.1);
    }

    [Fact]
    public void Fit_ReferenceEstimate_IsCloseToTheRealisedMetrics()
    {
        var random = new Random(11);
        var (scores, labels) = Sample(random, 5000, () => random.NextDouble(), miscalibrated: false);

        var estimator = PerformanceEstimator.Fit(scores, labels);

        var realised = PerformanceEstimator.Realised(scores, labels, 0.5);
        estimator.Reference.Accuracy.Value.Should().BeApproximately(realised[0], 0.01, "calibrated on the same rows, the expected confusion matrix is close to the realised one");
        estimator.ChunkSize.Should().Be(500);
    }

    [Fact]
    public void Get_KnownAndUnknownNames()
    {
        var random = new Random(5);
        var (scores, labels) = Sample(random, 1000, () => random.NextDouble(), miscalibrated: false);
        var estimate = PerformanceEstimator.Fit(scores, labels).Estimate(scores);

        estimate.Get("roc_auc").Should().Be(estimate.RocAuc);
        estimate.Get("Accuracy").Should().Be(estimate.Accuracy);
        estimate.Get("log_loss").Should().BeNull();
    }

    [Fact]
    public void Fit_OneClassOnly_Throws()
    {
        var act = () => PerformanceEstimator.Fit(new double[100], new bool[100]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("labels");
    }

    [Fact]
    public void Fit_TooFewRowsForTwoChunks_Throws()
    {
        var act = () => PerformanceEstimator.Fit([0.2, 0.8, 0.4], [false, true, true], chunkSize: 2);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("probabilities");
    }

    [Fact]
    public void Estimate_ProbabilityOutsideUnitInterval_Throws()
    {
        var random = new Random(5);
        var (scores, labels) = Sample(random, 1000, () => random.NextDouble(), miscalibrated: false);
        var estimator = PerformanceEstimator.Fit(scores, labels);

        var act = () => estimator.Estimate([0.5, 1.5]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("probabilities");
    }

    /// <summary>Labels drawn with P(y = 1) = p; the model's score is p (calibrated) or p² (miscalibrated, same ranking).</summary>
    private static (double[] Scores, bool[] Labels) Sample(Random random, int n, Func<double> p, bool miscalibrated)
    {
        var scores = new double[n];
        var labels = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var q = p();
            labels[i] = random.NextDouble() < q;
            scores[i] = miscalibrated ? q * q : q;
        }

        return (scores, labels);
    }
}
