using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Docs;

/// <summary>The accumulated-window snippet of docs/drift.md, run; <see cref="DocSnippetsTests"/> checks the page quotes it verbatim.</summary>
public sealed class DriftWindowDocsSnippets
{
    [Fact]
    public void AccumulatedWindow_BatchesOfTwoPartitions_ReportsLikeTheWholeWindow()
    {
        var random = new Random(4);
        double[] Column(int n, double mean) => [.. Enumerable.Range(0, n).Select(_ => mean + random.NextDouble())];
        var reference = DatasetProfile.Build(new DriftWindow().AddNumeric("latency", Column(5_000, 0)));
        var detector = new DriftDetector(reference);
        IEnumerable<double[]> partitionA = [Column(400, 0.2), Column(600, 0.2)];
        IEnumerable<double[]> partitionB = [Column(500, 0.2)];

        // <drift-accumulated-window>
        // One accumulator per partition or thread; each batch is counted and let go.
        var a = detector.CreateWindowAccumulator();
        foreach (double[] rows in partitionA)
        {
            a.Add(new DriftWindow().AddNumeric("latency", rows));
        }

        var b = detector.CreateWindowAccumulator();
        foreach (double[] rows in partitionB)
        {
            b.Add(new DriftWindow().AddNumeric("latency", rows));
        }

        DriftReport report = detector.Detect(a.Merge(b));   // check at any time; keep adding afterwards
        // </drift-accumulated-window>

        var whole = new DriftWindow().AddNumeric("latency", partitionA.Concat(partitionB).SelectMany(r => r).ToArray());
        report.Features.Should().BeEquivalentTo(detector.Detect(whole).Features);
        report.DatasetDecision.Should().Be(DriftDecision.Drift);
    }

    [Fact]
    public void AccumulatedWindow_MergedAcrossInstances_ReportsLikeTheWholeWindow()
    {
        var random = new Random(5);
        double[] Column(int n, double mean) => [.. Enumerable.Range(0, n).Select(_ => mean + random.NextDouble())];
        var profileJson = DatasetProfile.Build(new DriftWindow().AddNumeric("latency", Column(5_000, 0))).ToJson();
        var detectorA = new DriftDetector(DatasetProfile.FromJson(profileJson));   // app instance A
        var detectorB = new DriftDetector(DatasetProfile.FromJson(profileJson));   // app instance B, same profile
        double[] rowsA = Column(700, 0.2), rowsB = Column(900, 0.2);
        var accumulatorA = detectorA.CreateWindowAccumulator().Add(new DriftWindow().AddNumeric("latency", rowsA));
        var accumulatorB = detectorB.CreateWindowAccumulator().Add(new DriftWindow().AddNumeric("latency", rowsB));

        // <drift-accumulated-window-instances>
        // Instance B: serialise its accumulator and send the text (a queue message, a blob, an HTTP body).
        string wire = accumulatorB.ToJson();

        // Instance A: read it against its own detector (built from the same reference profile) and merge.
        var fromB = DriftWindowAccumulator.FromJson(wire, detectorA);
        DriftReport report = detectorA.Detect(accumulatorA.Merge(fromB));
        // </drift-accumulated-window-instances>

        var whole = new DriftWindow().AddNumeric("latency", rowsA.Concat(rowsB).ToArray());
        report.Features.Should().BeEquivalentTo(detectorA.Detect(whole).Features);
        accumulatorA.BatchCount.Should().Be(2);
    }
}
