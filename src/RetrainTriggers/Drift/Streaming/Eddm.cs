using System.Text.Json.Nodes;

namespace RetrainTriggers.Drift.Streaming;

/// <summary>EDDM, the Early Drift Detection Method of Baena-García et al. (2006) on a binary error stream, as River's <c>drift.binary.EDDM</c>.</summary>
/// <remarks>
/// Tracks the distance between consecutive errors: at each error, with p′ and s′ the running mean and standard deviation
/// (n − 1 divisor) of those distances and once more than <see cref="WarmStart"/> values were seen, p′ + 2s′ either sets a
/// new maximum or, after more than <see cref="WarmStart"/> errors, is compared with it: level = (p′ + 2s′)/max; drift
/// when level &lt; <see cref="Beta"/>, else warning when level &lt; <see cref="Alpha"/>, else no warning. Correct
/// predictions change nothing. The detector restarts on the value after a drift.
/// </remarks>
public sealed class Eddm : ConceptDriftDetector
{
    internal const string KindName = "EDDM";

    private long n;
    private long lastError;
    private long errors;
    private double distanceCount;
    private double distanceMean;
    private double distanceS;
    private double maximum = -1;

    /// <summary>Initializes a new instance of the <see cref="Eddm"/> class with River's defaults unless told otherwise.</summary>
    /// <param name="warmStart">Values and errors to see before a change can be detected (default 30), ≥ 0.</param>
    /// <param name="alpha">Warning level in (0, 1] (default 0.95); smaller is more conservative.</param>
    /// <param name="beta">Drift level in (0, <paramref name="alpha"/>] (default 0.9); smaller is more conservative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range (River: alpha must be ≥ beta).</exception>
    public Eddm(int warmStart = 30, double alpha = 0.95, double beta = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmStart);
        if (!(alpha > 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1].");
        }

        if (!(beta > 0 && beta <= alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be in (0, alpha].");
        }

        WarmStart = warmStart;
        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>Gets the number of values (and of errors) seen before a change can be detected.</summary>
    public int WarmStart { get; }

    /// <summary>Gets the warning level.</summary>
    public double Alpha { get; }

    /// <summary>Gets the drift level.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    public override string Kind => KindName;

    internal static Eddm Read(JsonObject o) => new(o["warmStart"]!.GetValue<int>(), Number(o["alpha"]), Number(o["beta"]))
    {
        n = o["n"]!.GetValue<long>(),
        lastError = o["lastError"]!.GetValue<long>(),
        errors = o["errors"]!.GetValue<long>(),
        distanceCount = Number(o["distanceCount"]),
        distanceMean = Number(o["distanceMean"]),
        distanceS = Number(o["distanceS"]),
        maximum = Number(o["maximum"]),
    };

    private protected override void ValidateValue(double value) => RequireBinary(value);

    private protected override void Step(double value)
    {
        if (DriftDetected)
        {
            n = lastError = errors = 0;
            distanceCount = distanceMean = distanceS = 0;
            maximum = -1;
            DriftDetected = false;
            WarningDetected = false;
        }

        n++;
        if (value != 1)
        {
            return;
        }

        errors++;
        AddDistance(n - lastError);
        if (n > WarmStart)
        {
            var variance = distanceCount > 1 ? distanceS / (distanceCount - 1) : 0.0;
            var p2s = distanceMean + (2 * Math.Pow(variance, 0.5));
            if (p2s > maximum)
            {
                maximum = p2s;
            }
            else if (errors > WarmStart)
            {
                var level = p2s / maximum;
                if (level < Beta)
                {
                    DriftDetected = true;
                }
                else
                {
                    WarningDetected = level < Alpha;
                }
            }
        }

        lastError = n;
    }

    private protected override void Write(JsonObject o)
    {
        o["warmStart"] = WarmStart;
        o["alpha"] = Number(Alpha);
        o["beta"] = Number(Beta);
        o["n"] = n;
        o["lastError"] = lastError;
        o["errors"] = errors;
        o["distanceCount"] = Number(distanceCount);
        o["distanceMean"] = Number(distanceMean);
        o["distanceS"] = Number(distanceS);
        o["maximum"] = Number(maximum);
    }

    /// <summary>River's <c>stats.Var</c> update (Welford).</summary>
    private void AddDistance(double x)
    {
        var old = distanceMean;
        distanceCount += 1;
        distanceMean += 1.0 / distanceCount * (x - distanceMean);
        distanceS += (x - old) * (x - distanceMean);
    }
}
