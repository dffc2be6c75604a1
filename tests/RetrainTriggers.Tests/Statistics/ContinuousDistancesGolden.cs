using System.Text.Json;
using RetrainTriggers.Tests.TestData;

namespace RetrainTriggers.Tests.Statistics;

/// <summary>Case access for continuous_distances.json, shared by the Wasserstein, energy and Cramér–von Mises test classes.</summary>
internal static class ContinuousDistancesGolden
{
    public const string File = "continuous_distances.json";

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in GoldenData.Reference.Cases(File))
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static (double[] Reference, double[] Current, JsonElement Expected) Load(string name)
    {
        JsonElement c = GoldenData.Reference.Cases(File).Single(e => e.GetProperty("name").GetString() == name);
        return (GoldenData.Doubles(c.GetProperty("reference")), GoldenData.Doubles(c.GetProperty("current")), c.GetProperty("expected"));
    }
}
