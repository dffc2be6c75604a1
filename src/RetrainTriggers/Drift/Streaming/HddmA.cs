using System.Text.Json.Nodes;

namespace RetrainTriggers.Drift.Streaming;

/// <summary>HDDM_A, drift detection with Hoeffding's bounds on moving averages (Frías-Blanco et al.), as River's <c>drift.binary.HDDM_A</c>.</summary>
/// <remarks>
/// Keeps the global mean Z and a cut point X (a snapshot of Z taken while X + ε_X ≥ Z + ε_Z, with Hoeffding bound
/// ε_n = √(ln(1/δ_drift)/(2n))). The mean increased at confidence c when Z − X ≥ √(m/2·ln(2/c)) with
/// m = (n_Z − n_X)/n_X · 1/n_Z: at <see cref="DriftConfidence"/> a drift, else at <see cref="WarningConfidence"/> a
/// warning. With <see cref="TwoSided"/>, decreases are tested the same way against a second cut point. Values in [0, 1].
/// The detector restarts on the value after a drift.
/// </remarks>
public sealed class HddmA : ConceptDriftDetector
{
    internal const string KindName = "HDDM_A";

    private (double N, double Mean) z;
    private (double N, double Mean) xMin;
    private (double N, double Mean) xMax;

    /// <summary>Initializes a new instance of the <see cref="HddmA"/> class with River's defaults unless told otherwise.</summary>
    /// <param name="driftConfidence">The confidence δ of a drift (default 0.001), in (0, 1).</param>
    /// <param name="warningConfidence">The confidence of a warning (default 0.005), in [<paramref name="driftConfidence"/>, 1).</param>
    /// <param name="twoSided">Whether decreases of the mean are detected too (default false: increases only).</param>
    /// <exception cref="ArgumentOutOfRangeException">A confidence is outside its range.</exception>
    public HddmA(double driftConfidence = 0.001, double warningConfidence = 0.005, bool twoSided = false)
    {
        if (!(driftConfidence > 0 && driftConfidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(driftConfidence), driftConfidence, "driftConfidence must be in (0, 1).");
        }

        if (!(warningConfidence >= driftConfidence && warningConfidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(warningConfidence), warningConfidence, "warningConfidence must be in [driftConfidence, 1).");
        }

        DriftConfidence = driftConfidence;
        WarningConfidence = warningConfidence;
        TwoSided = twoSided;
    }

    /// <summary>Gets the confidence of a drift.</summary>
    public double DriftConfidence { get; }

    /// <summary>Gets the confidence of a warning.</summary>
    public double WarningConfidence { get; }

    /// <summary>Gets whether decreases of the mean are detected too.</summary>
    public bool TwoSided { get; }

    /// <inheritdoc />
    public override string Kind => KindName;

    internal static HddmA Read(JsonObject o) => new(Number(o["driftConfidence"]), Number(o["warningConfidence"]), o["twoSided"]!.GetValue<bool>())
    {
        z = (Number(o["zN"]), Number(o["zMean"])),
        xMin = (Number(o["xMinN"]), Number(o["xMinMean"])),
        xMax = (Number(o["xMaxN"]), Number(o["xMaxMean"])),
    };

    private protected override void ValidateValue(double value) => RequireUnit(value);

    private protected override void Step(double value)
    {
        if (DriftDetected)
        {
            z = xMin = xMax = (0, 0);
            DriftDetected = false;
            WarningDetected = false;
        }

        z.N += 1;
        z.Mean += 1.0 / z.N * (value - z.Mean);
        if (xMin.N == 0)
        {
            xMin = z;
        }

        if (xMax.N == 0)
        {
            xMax = z;
        }

        var epsZ = Bound(z.N);
        if (xMin.Mean + Bound(xMin.N) >= z.Mean + epsZ)
        {
            xMin = z;
        }

        if (xMax.Mean - Bound(xMax.N) <= z.Mean - epsZ)
        {
            xMax = z;
        }

        if (Increased(DriftConfidence))
        {
            WarningDetected = false;
            DriftDetected = true;
        }
        else
        {
            WarningDetected = Increased(WarningConfidence);
            DriftDetected = false;
        }

        if (TwoSided)
        {
            if (Decreased(DriftConfidence))
            {
                DriftDetected = true;
            }
            else if (Decreased(WarningConfidence))
            {
                WarningDetected = true;
            }
        }
    }

    private protected override void Write(JsonObject o)
    {
        o["driftConfidence"] = Number(DriftConfidence);
        o["warningConfidence"] = Number(WarningConfidence);
        o["twoSided"] = TwoSided;
        o["zN"] = Number(z.N);
        o["zMean"] = Number(z.Mean);
        o["xMinN"] = Number(xMin.N);
        o["xMinMean"] = Number(xMin.Mean);
        o["xMaxN"] = Number(xMax.N);
        o["xMaxMean"] = Number(xMax.Mean);
    }

    private double Bound(double n) => Math.Sqrt(1.0 / (2 * n) * Math.Log(1.0 / DriftConfidence));

    private bool Increased(double confidence)
    {
        if (xMin.N == z.N)
        {
            return false;
        }

        var m = (z.N - xMin.N) / xMin.N * (1.0 / z.N);
        return z.Mean - xMin.Mean >= Math.Sqrt(m / 2 * Math.Log(2.0 / confidence));
    }

    private bool Decreased(double confidence)
    {
        if (xMax.N == z.N)
        {
            return false;
        }

        var m = (z.N - xMax.N) / xMax.N * (1.0 / z.N);
        return xMax.Mean - z.Mean >= Math.Sqrt(m / 2 * Math.Log(2.0 / confidence));
    }
}
