using RetrainTriggers.Drift.Streaming;

namespace RetrainTriggers.Tests.Drift.Streaming;

/// <summary>Every detector with River's defaults, and whether it monitors a binary error stream.</summary>
internal static class ConceptDriftDetectorCases
{
    public static readonly (string Name, Func<ConceptDriftDetector> Create, bool Binary)[] All =
    [
        ("ADWIN", () => new Adwin(), true),
        ("DDM", () => new Ddm(), true),
        ("EDDM", () => new Eddm(), true),
        ("HDDM_A", () => new HddmA(), true),
        ("HDDM_W", () => new HddmW(), true),
        ("PageHinkley", () => new PageHinkley(), false),
        ("KSWIN", () => new Kswin(), false),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static (ConceptDriftDetector Detector, double[] Stream) Create(string name, int seed)
    {
        var c = All.Single(x => x.Name == name);
        return (c.Create(), c.Binary ? DriftStreams.AbruptErrors(seed) : DriftStreams.AbruptLoss(seed));
    }
}
