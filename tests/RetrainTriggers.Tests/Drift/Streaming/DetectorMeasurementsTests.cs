using System.Globalization;
using Xunit.Abstractions;

namespace RetrainTriggers.Tests.Drift.Streaming;

/// <summary>Prints first detection and false alarms per detector and stream (the numbers in docs/drift.md).</summary>
public class DetectorMeasurementsTests(ITestOutputHelper output)
{
    [Fact]
    public void Measure_AllDetectors_PrintsDelaysAndFalseAlarms()
    {
        foreach (var (name, create, binary) in ConceptDriftDetectorCases.All)
        {
            foreach (var (streamName, stream) in binary
                ? new[] { ("abrupt", (Func<int, double[]>)DriftStreams.AbruptErrors), ("gradual", DriftStreams.GradualErrors) }
                : new[] { ("abrupt", (Func<int, double[]>)DriftStreams.AbruptLoss), ("gradual", DriftStreams.GradualLoss) })
            {
                var delays = new List<string>();
                var alarms = 0;
                for (var seed = 1; seed <= 10; seed++)
                {
                    var drifts = DriftStreams.Drifts(create(), stream(seed));
                    alarms += drifts.Count(d => d < DriftStreams.ChangeAt);
                    var first = drifts.FirstOrDefault(d => d >= DriftStreams.ChangeAt, -1);
                    delays.Add(first < 0 ? "none" : (first - DriftStreams.ChangeAt).ToString(CultureInfo.InvariantCulture));
                }

                output.WriteLine($"{name} {streamName}: delays {string.Join(",", delays)}; false alarms {alarms}");
            }
        }
    }
}
