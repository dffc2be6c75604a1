namespace RetrainTriggers.Tests.Drift.Streaming;

/// <summary>
/// Detection delay and false alarms over ten seeded streams per detector, against the expectations documented in
/// docs/drift.md ("Detection delay and false alarms"): binary detectors on an error rate 0.1 → 0.5 (abrupt) or ramped
/// over 1000 values (gradual), the others on N(0, 1) → N(2, 1).
/// </summary>
public class DetectionExpectationsTests
{
    [Theory]
    [InlineData("ADWIN", 200, 900, 0)]
    [InlineData("DDM", 100, 500, 10)]
    [InlineData("EDDM", 100, 300, 25)]
    [InlineData("HDDM_A", 100, 700, 0)]
    [InlineData("HDDM_W", 100, 800, 0)]
    [InlineData("PageHinkley", 50, 300, 2)]
    [InlineData("KSWIN", 100, 2000, 10)]
    public void Detectors_TenSeededStreams_DetectWithinDocumentedDelayAndFalseAlarms(string name, int maxAbruptDelay, int maxGradualDelay, int maxFalseAlarms)
    {
        var c = ConceptDriftDetectorCases.All.Single(x => x.Name == name);
        var falseAlarms = 0;
        for (var seed = 1; seed <= 10; seed++)
        {
            foreach (var (stream, maxDelay) in new[]
            {
                (c.Binary ? DriftStreams.AbruptErrors(seed) : DriftStreams.AbruptLoss(seed), maxAbruptDelay),
                (c.Binary ? DriftStreams.GradualErrors(seed) : DriftStreams.GradualLoss(seed), maxGradualDelay),
            })
            {
                var drifts = DriftStreams.Drifts(c.Create(), stream);
                var first = drifts.FirstOrDefault(d => d >= DriftStreams.ChangeAt, -1);
                first.Should().BeInRange(DriftStreams.ChangeAt, DriftStreams.ChangeAt + maxDelay, $"{name}, seed {seed}");
                falseAlarms += drifts.Count(d => d < DriftStreams.ChangeAt);
            }
        }

        // Both streams of a seed share the first 1000 values, so each false alarm is counted twice.
        (falseAlarms / 2).Should().BeLessThanOrEqualTo(maxFalseAlarms, $"{name} over ten stable stretches of 1000 values");
    }
}
