using System.Text.Json.Nodes;

namespace RetrainTriggers.Drift.Streaming;

/// <summary>HDDM_W, drift detection with McDiarmid's bounds on exponentially weighted moving averages, as River's <c>drift.binary.HDDM_W</c>.</summary>
/// <remarks>
/// The EWMA (weight <see cref="Lambda"/> on the newest value; as River, an average that is exactly 0 is replaced by the
/// next value) of the whole stream is compared with the EWMA since the cut point where EWMA + ε was lowest, ε =
/// √(ibc·ln(1/δ)/2) with the independent-bound condition ibc; a difference above the bound at
/// <see cref="DriftConfidence"/> is a drift, else at <see cref="WarningConfidence"/> a warning. With
/// <see cref="TwoSided"/> decreases are tested too. Values in [0, 1]. The detector restarts on the value after a drift.
/// </remarks>
public sealed class HddmW : ConceptDriftDetector
{
    internal const string KindName = "HDDM_W";

    private Sample total;
    private Sample s1Decrease;
    private Sample s1Increase;
    private Sample s2Decrease;
    private Sample s2Increase;
    private double increaseCut = double.PositiveInfinity;
    private double decreaseCut = double.NegativeInfinity;

    /// <summary>Initializes a new instance of the <see cref="HddmW"/> class with River's defaults unless told otherwise.</summary>
    /// <param name="driftConfidence">The confidence of a drift (default 0.001), in (0, 1).</param>
    /// <param name="warningConfidence">The confidence of a warning (default 0.005), in [<paramref name="driftConfidence"/>, 1).</param>
    /// <param name="lambda">The weight of the newest value in the EWMA (River's <c>lambda_val</c>, default 0.05), in (0, 1].</param>
    /// <param name="twoSided">Whether decreases of the mean are detected too (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public HddmW(double driftConfidence = 0.001, double warningConfidence = 0.005, double lambda = 0.05, bool twoSided = false)
    {
        if (!(driftConfidence > 0 && driftConfidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(driftConfidence), driftConfidence, "driftConfidence must be in (0, 1).");
        }

        if (!(warningConfidence >= driftConfidence && warningConfidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(warningConfidence), warningConfidence, "warningConfidence must be in [driftConfidence, 1).");
        }

        if (!(lambda > 0 && lambda <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "lambda must be in (0, 1].");
        }

        DriftConfidence = driftConfidence;
        WarningConfidence = warningConfidence;
        Lambda = lambda;
        TwoSided = twoSided;
        total = s1Decrease = s1Increase = s2Decrease = s2Increase = Sample.Empty;
    }

    /// <summary>Gets the confidence of a drift.</summary>
    public double DriftConfidence { get; }

    /// <summary>Gets the confidence of a warning.</summary>
    public double WarningConfidence { get; }

    /// <summary>Gets the weight of the newest value in the moving averages.</summary>
    public double Lambda { get; }

    /// <summary>Gets whether decreases of the mean are detected too.</summary>
    public bool TwoSided { get; }

    /// <inheritdoc />
    public override string Kind => KindName;

    internal static HddmW Read(JsonObject o) => new(Number(o["driftConfidence"]), Number(o["warningConfidence"]), Number(o["lambda"]), o["twoSided"]!.GetValue<bool>())
    {
        total = Sample.Read(o["total"]!),
        s1Decrease = Sample.Read(o["s1Decrease"]!),
        s1Increase = Sample.Read(o["s1Increase"]!),
        s2Decrease = Sample.Read(o["s2Decrease"]!),
        s2Increase = Sample.Read(o["s2Increase"]!),
        increaseCut = Number(o["increaseCut"]),
        decreaseCut = Number(o["decreaseCut"]),
    };

    private protected override void ValidateValue(double value) => RequireUnit(value);

    private protected override void Step(double value)
    {
        if (DriftDetected)
        {
            total = s1Decrease = s1Increase = s2Decrease = s2Increase = Sample.Empty;
            increaseCut = double.PositiveInfinity;
            decreaseCut = double.NegativeInfinity;
            DriftDetected = false;
            WarningDetected = false;
        }

        total = total.Update(value, Lambda);

        var eps = Bound(total.Ibc, DriftConfidence);
        if (total.Ewma + eps < increaseCut)
        {
            increaseCut = total.Ewma + eps;
            s1Increase = total;
            s2Increase = Sample.Empty;
        }
        else
        {
            s2Increase = s2Increase.Update(value, Lambda);
        }

        if (Changed(s1Increase, s2Increase, DriftConfidence))
        {
            WarningDetected = false;
            DriftDetected = true;
        }
        else
        {
            WarningDetected = Changed(s1Increase, s2Increase, WarningConfidence);
            DriftDetected = false;
        }

        eps = Bound(total.Ibc, DriftConfidence);
        if (total.Ewma - eps > decreaseCut)
        {
            decreaseCut = total.Ewma - eps;
            s1Decrease = total;
            s2Decrease = Sample.Empty;
        }
        else
        {
            s2Decrease = s2Decrease.Update(value, Lambda);
        }

        if (TwoSided)
        {
            if (Changed(s2Decrease, s1Decrease, DriftConfidence))
            {
                DriftDetected = true;
            }
            else if (Changed(s2Decrease, s1Decrease, WarningConfidence))
            {
                WarningDetected = true;
            }
        }
    }

    private protected override void Write(JsonObject o)
    {
        o["driftConfidence"] = Number(DriftConfidence);
        o["warningConfidence"] = Number(WarningConfidence);
        o["lambda"] = Number(Lambda);
        o["twoSided"] = TwoSided;
        o["total"] = total.Write();
        o["s1Decrease"] = s1Decrease.Write();
        o["s1Increase"] = s1Increase.Write();
        o["s2Decrease"] = s2Decrease.Write();
        o["s2Increase"] = s2Increase.Write();
        o["increaseCut"] = Number(increaseCut);
        o["decreaseCut"] = Number(decreaseCut);
    }

    private static double Bound(double ibc, double confidence) => Math.Sqrt(ibc * Math.Log(1 / confidence) / 2);

    private static bool Changed(Sample first, Sample second, double confidence) =>
        first.IsInitialized && second.IsInitialized && second.Ewma - first.Ewma > Bound(first.Ibc + second.Ibc, confidence);

    /// <summary>River's <c>SampleInfo</c>: an EWMA with its independent-bound condition.</summary>
    private readonly record struct Sample(double Ewma, bool IsInitialized, double Ibc)
    {
        public static Sample Empty => new(0, false, 1.0);

        public static Sample Read(JsonNode node) => new(Number(node["ewma"]), node["init"]!.GetValue<bool>(), Number(node["ibc"]));

        public Sample Update(double x, double lambda)
        {
            var ewma = Ewma == 0 ? x : (lambda * x) + ((1 - lambda) * Ewma);
            return new Sample(ewma, true, (lambda * lambda) + ((1 - lambda) * (1 - lambda) * Ibc));
        }

        public JsonObject Write() => new() { ["ewma"] = Number(Ewma), ["init"] = IsInitialized, ["ibc"] = Number(Ibc) };
    }
}
