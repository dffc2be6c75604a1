using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Drift.Analysis;

public class ChunkedDriftAnalyzerTests
{
    [Fact]
    public void ByRowCount_ShiftInLastChunk_OnlyLastChunkDrifts()
    {
        var detector = new DriftDetector(DatasetProfile.Build(new DriftWindow().AddNumeric("x", DriftTestData.Normal(1, 20_000))));
        double[] window = [.. DriftTestData.Normal(2, 6_000), .. DriftTestData.Normal(3, 2_000, 1.0)];

        ChunkedDriftReport report = new ChunkedDriftAnalyzer(detector).ByRowCount(new DriftWindow().AddNumeric("x", window), 2_000);

        report.Chunks.Should().HaveCount(4);
        report.Chunks.Select(c => c.Key).Should().Equal("rows 0-1999", "rows 2000-3999", "rows 4000-5999", "rows 6000-7999");
        report.Decisions("x").Should().Equal(DriftDecision.None, DriftDecision.None, DriftDecision.None, DriftDecision.Drift);
        report.Series("x", DriftStatistic.Psi).Should().HaveCount(4).And.OnlyContain(v => v.HasValue);
        report.Series("x", DriftStatistic.Psi)[3].Should().BeGreaterThan(report.Series("x", DriftStatistic.Psi)[0]!.Value);
    }

    [Fact]
    public void DeriveBands_ReferenceChunks_FlagsOnlyTheShiftedChunk()
    {
        double[] reference = DriftTestData.Normal(4, 20_000);
        var referenceWindow = new DriftWindow().AddNumeric("x", reference);
        var analyzer = new ChunkedDriftAnalyzer(new DriftDetector(DatasetProfile.Build(referenceWindow))).DeriveBands(referenceWindow, 1_000, k: 3);
        double[] window = [.. DriftTestData.Normal(5, 1_000), .. DriftTestData.Normal(6, 1_000, 0.5)];

        ChunkedDriftReport report = analyzer.ByRowCount(new DriftWindow().AddNumeric("x", window), 1_000);

        ChunkBand psi = report.Bands.Single(b => b.Feature == "x" && b.Statistic == DriftStatistic.Psi);
        psi.Upper.Should().Be(psi.Mean + (3 * psi.StandardDeviation));
        psi.StandardDeviation.Should().BeGreaterThan(0);
        report.Chunks[0].Alerts.Should().NotContain(a => a.Statistic == DriftStatistic.Psi);
        report.Chunks[1].Alerts.Should().Contain(a => a.Feature == "x" && a.Statistic == DriftStatistic.Psi && a.Value > psi.Upper);
    }

    [Fact]
    public void ByPeriod_RowsOutOfOrder_GroupedByDayInTimeOrder()
    {
        var detector = new DriftDetector(DatasetProfile.Build(new DriftWindow().AddNumeric("x", DriftTestData.Normal(7, 5_000))));
        var day1 = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        double[] values = [.. DriftTestData.Normal(8, 600), .. DriftTestData.Normal(9, 400, 2)];
        var stamps = new DateTimeOffset[1_000];
        for (int i = 0; i < stamps.Length; i++)
        {
            stamps[i] = i < 600 ? day1.AddDays(1).AddSeconds(i) : day1.AddSeconds(i); // day 2 first in the data
        }

        ChunkedDriftReport report = new ChunkedDriftAnalyzer(detector).ByPeriod(new DriftWindow().AddNumeric("x", values), stamps, TimeSpan.FromDays(1));

        report.Chunks.Should().HaveCount(2);
        report.Chunks[0].PeriodStart.Should().Be(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        report.Chunks[0].RowCount.Should().Be(400);
        report.Chunks[0].Report.DatasetDecision.Should().Be(DriftDecision.Drift);
        report.Chunks[1].RowCount.Should().Be(600);
        report.Chunks[1].Key.Should().Be("2026-03-02T00:00:00.0000000Z");
    }

    [Fact]
    public void ByPeriod_TimestampCountMismatch_ThrowsNamingIt()
    {
        var detector = new DriftDetector(DatasetProfile.Build(new DriftWindow().AddNumeric("x", DriftTestData.Normal(7, 100))));

        Action act = () => new ChunkedDriftAnalyzer(detector).ByPeriod(new DriftWindow().AddNumeric("x", new double[10]), new DateTimeOffset[9], TimeSpan.FromHours(1));

        act.Should().Throw<ArgumentException>().WithParameterName("timestamps").WithMessage("*9 entries*10 rows*");
    }
}
