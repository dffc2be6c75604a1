namespace RetrainTriggers.Drift.Performance;

/// <summary>
/// Confidence-based performance estimation (NannyML's CBPE) for a binary classifier: estimates accuracy, precision,
/// recall, F1 and ROC AUC of a production window from the model's predicted probabilities alone, before labels arrive.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Fit"/> calibrates the scores on a labelled reference (isotonic regression, unless disabled) and measures how
/// much each realised metric varies from one reference chunk to the next. <see cref="Estimate"/> then builds the
/// expected confusion matrix of the window: with calibrated probability p_i and predicted label ŷ_i = score ≥
/// <see cref="Threshold"/>, E[TP] = Σ_{ŷ=1} p_i, E[FP] = Σ_{ŷ=1} (1 − p_i), E[FN] = Σ_{ŷ=0} p_i, E[TN] = Σ_{ŷ=0} (1 − p_i).
/// ROC AUC integrates the expected true- and false-positive rates over the thresholds at the sorted calibrated scores.
/// </para>
/// <para>
/// The band is the estimate ± <see cref="BandSigmas"/>·σ with σ = the standard deviation (n − 1) of the realised
/// metric over the reference's chunks of <see cref="ChunkSize"/> rows, scaled by √(chunk size / window size). The
/// estimate is only as good as the assumption CBPE rests on: the calibration holds in production, i.e. P(y | score) has
/// not changed (covariate shift is fine, concept drift is not).
/// </para>
/// </remarks>
public sealed class PerformanceEstimator
{
    private readonly IsotonicCalibration? calibration;
    private readonly double[] spread;

    private PerformanceEstimator(IsotonicCalibration? calibration, double threshold, int chunkSize, double sigmas, double[] spread, PerformanceEstimate reference)
    {
        this.calibration = calibration;
        Threshold = threshold;
        ChunkSize = chunkSize;
        BandSigmas = sigmas;
        this.spread = spread;
        Reference = reference;
    }

    /// <summary>Gets the score at or above which the model predicts the positive class.</summary>
    public double Threshold { get; }

    /// <summary>Gets the reference chunk size the band's spread was measured on.</summary>
    public int ChunkSize { get; }

    /// <summary>Gets the band's half-width in standard errors.</summary>
    public double BandSigmas { get; }

    /// <summary>Gets the estimate on the reference itself (a check of the calibration: close to the realised metrics there).</summary>
    public PerformanceEstimate Reference { get; }

    /// <summary>Calibrates an estimator on a labelled reference.</summary>
    /// <param name="probabilities">The model's predicted probability of the positive class per reference row, each in [0, 1].</param>
    /// <param name="labels">The true label per reference row (true = positive).</param>
    /// <param name="threshold">The score at or above which the model predicts positive (default 0.5), in [0, 1].</param>
    /// <param name="chunkSize">Rows per reference chunk for the band (0 = a tenth of the reference); the reference must hold at least two chunks.</param>
    /// <param name="calibrate">Whether to calibrate the scores with isotonic regression on the reference (default true).</param>
    /// <param name="bandSigmas">The band's half-width in standard errors (default 3, NannyML's), &gt; 0.</param>
    /// <returns>The fitted estimator.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, a probability is outside [0, 1], the reference has fewer than two chunks, or it lacks one of the classes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/>, <paramref name="chunkSize"/> or <paramref name="bandSigmas"/> is out of range.</exception>
    public static PerformanceEstimator Fit(
        ReadOnlySpan<double> probabilities,
        ReadOnlySpan<bool> labels,
        double threshold = 0.5,
        int chunkSize = 0,
        bool calibrate = true,
        double bandSigmas = 3)
    {
        if (labels.Length != probabilities.Length)
        {
            throw new ArgumentException($"labels has {labels.Length} entries but probabilities has {probabilities.Length}.", nameof(labels));
        }

        ValidateProbabilities(probabilities, nameof(probabilities));
        if (!(threshold >= 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be in [0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(chunkSize);
        if (!(bandSigmas > 0) || !double.IsFinite(bandSigmas))
        {
            throw new ArgumentOutOfRangeException(nameof(bandSigmas), bandSigmas, "bandSigmas must be positive and finite.");
        }

        var positives = 0;
        foreach (var l in labels)
        {
            positives += l ? 1 : 0;
        }

        if (positives == 0 || positives == labels.Length)
        {
            throw new ArgumentException("The reference needs both positive and negative labels.", nameof(labels));
        }

        var size = chunkSize == 0 ? probabilities.Length / 10 : chunkSize;
        if (size < 1 || probabilities.Length / size < 2)
        {
            throw new ArgumentException(
                $"The reference has {probabilities.Length} rows; the band needs at least two chunks of {Math.Max(size, 1)}.", nameof(probabilities));
        }

        var calibration = calibrate ? IsotonicCalibration.Fit(probabilities, labels) : null;
        var chunks = probabilities.Length / size;
        var realised = new double[5][];
        for (var m = 0; m < 5; m++)
        {
            realised[m] = new double[chunks];
        }

        for (var c = 0; c < chunks; c++)
        {
            var values = Realised(probabilities.Slice(c * size, size), labels.Slice(c * size, size), threshold);
            for (var m = 0; m < 5; m++)
            {
                realised[m][c] = values[m];
            }
        }

        var spread = realised.Select(StandardDeviation).ToArray();
        var estimator = new PerformanceEstimator(calibration, threshold, size, bandSigmas, spread, null!);
        return new PerformanceEstimator(calibration, threshold, size, bandSigmas, spread, estimator.Estimate(probabilities));
    }

    /// <summary>Estimates the performance of a window of predictions without labels.</summary>
    /// <param name="probabilities">The model's predicted probability of the positive class per window row, each in [0, 1]; at least one.</param>
    /// <returns>Each metric's estimate and band.</returns>
    /// <exception cref="ArgumentException">The window is empty or a probability is outside [0, 1].</exception>
    public PerformanceEstimate Estimate(ReadOnlySpan<double> probabilities)
    {
        if (probabilities.IsEmpty)
        {
            throw new ArgumentException("The window holds no prediction.", nameof(probabilities));
        }

        ValidateProbabilities(probabilities, nameof(probabilities));
        double tp = 0, fp = 0, fn = 0, tn = 0;
        var calibrated = new double[probabilities.Length];
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = calibration?.Map(probabilities[i]) ?? probabilities[i];
            calibrated[i] = p;
            if (probabilities[i] >= Threshold)
            {
                tp += p;
                fp += 1 - p;
            }
            else
            {
                fn += p;
                tn += 1 - p;
            }
        }

        double n = probabilities.Length;
        var scale = Math.Sqrt(ChunkSize / n);
        return new PerformanceEstimate(
            probabilities.Length,
            Band((tp + tn) / n, spread[0] * scale),
            Band(tp / (tp + fp), spread[1] * scale),
            Band(tp / (tp + fn), spread[2] * scale),
            Band(2 * tp / ((2 * tp) + fp + fn), spread[3] * scale),
            Band(ExpectedRocAuc(calibrated), spread[4] * scale));
    }

    /// <summary>Accuracy, precision, recall, F1 and ROC AUC measured with labels.</summary>
    internal static double[] Realised(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double threshold)
    {
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i])
            {
                tp++;
            }
            else if (predicted)
            {
                fp++;
            }
            else if (labels[i])
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        var expected = new double[scores.Length];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = labels[i] ? 1 : 0;
        }

        var order = scores.ToArray();
        Array.Sort(order, expected);
        return [(tp + tn) / scores.Length, tp / (tp + fp), tp / (tp + fn), 2 * tp / ((2 * tp) + fp + fn), AreaUnderCurve(order, expected)];
    }

    /// <summary>NannyML's ROC AUC estimate: the calibrated scores act as the expected labels.</summary>
    private static double ExpectedRocAuc(double[] calibrated)
    {
        var scores = (double[])calibrated.Clone();
        var expected = (double[])calibrated.Clone();
        Array.Sort(scores, expected);
        return AreaUnderCurve(scores, expected);
    }

    /// <summary>The trapezoidal area under the ROC curve of ascending scores with (expected) positive weights in [0, 1]; tied scores form one step.</summary>
    private static double AreaUnderCurve(double[] ascendingScores, double[] positive)
    {
        double totalPositive = 0, totalNegative = 0;
        foreach (var p in positive)
        {
            totalPositive += p;
            totalNegative += 1 - p;
        }

        if (totalPositive <= 0 || totalNegative <= 0)
        {
            return double.NaN;
        }

        double area = 0, tpr = 0, fpr = 0;
        for (var i = ascendingScores.Length - 1; i >= 0;)
        {
            double stepPositive = 0, stepNegative = 0;
            var j = i;
            while (j >= 0 && ascendingScores[j] == ascendingScores[i])
            {
                stepPositive += positive[j];
                stepNegative += 1 - positive[j];
                j--;
            }

            var nextTpr = tpr + (stepPositive / totalPositive);
            var nextFpr = fpr + (stepNegative / totalNegative);
            area += (nextFpr - fpr) * (tpr + nextTpr) / 2;
            (tpr, fpr, i) = (nextTpr, nextFpr, j);
        }

        return area;
    }

    private static double StandardDeviation(double[] values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length < 2)
        {
            return double.NaN;
        }

        var mean = finite.Average();
        return Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (finite.Length - 1));
    }

    private static void ValidateProbabilities(ReadOnlySpan<double> probabilities, string paramName)
    {
        foreach (var p in probabilities)
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Probabilities must be in [0, 1]; found {p}."), paramName);
            }
        }
    }

    private EstimatedMetric Band(double value, double standardError) =>
        new(value, Math.Clamp(value - (BandSigmas * standardError), 0, 1), Math.Clamp(value + (BandSigmas * standardError), 0, 1), standardError);
}
