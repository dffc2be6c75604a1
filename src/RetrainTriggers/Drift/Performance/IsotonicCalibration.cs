namespace RetrainTriggers.Drift.Performance;

/// <summary>
/// Isotonic regression of labels on scores (pool-adjacent-violators), the calibrator NannyML's CBPE fits on the
/// reference; maps a score to the step function's value, interpolating linearly between fitted points as scikit-learn's
/// <c>IsotonicRegression(out_of_bounds="clip")</c>.
/// </summary>
internal sealed class IsotonicCalibration
{
    private readonly double[] x;
    private readonly double[] y;

    private IsotonicCalibration(double[] x, double[] y)
    {
        this.x = x;
        this.y = y;
    }

    public static IsotonicCalibration Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var n = scores.Length;
        var order = new int[n];
        var keys = scores.ToArray();
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);

        // Blocks of equal scores first (ties share one fitted value), then pool adjacent violators.
        var values = new List<double>();
        var weights = new List<double>();
        var xs = new List<double>();
        for (var i = 0; i < n;)
        {
            var j = i;
            var sum = 0.0;
            while (j < n && keys[j] == keys[i])
            {
                sum += labels[order[j]] ? 1 : 0;
                j++;
            }

            xs.Add(keys[i]);
            values.Add(sum / (j - i));
            weights.Add(j - i);
            i = j;
        }

        var blockValue = new List<double>();
        var blockWeight = new List<double>();
        var blockEnd = new List<int>();
        for (var i = 0; i < values.Count; i++)
        {
            blockValue.Add(values[i]);
            blockWeight.Add(weights[i]);
            blockEnd.Add(i);
            while (blockValue.Count > 1 && blockValue[^2] > blockValue[^1])
            {
                var w = blockWeight[^2] + blockWeight[^1];
                var v = ((blockValue[^2] * blockWeight[^2]) + (blockValue[^1] * blockWeight[^1])) / w;
                blockValue.RemoveAt(blockValue.Count - 1);
                blockWeight.RemoveAt(blockWeight.Count - 1);
                blockEnd.RemoveAt(blockEnd.Count - 2);
                blockValue[^1] = v;
                blockWeight[^1] = w;
            }
        }

        var fitted = new double[xs.Count];
        var start = 0;
        for (var b = 0; b < blockValue.Count; b++)
        {
            for (var i = start; i <= blockEnd[b]; i++)
            {
                fitted[i] = blockValue[b];
            }

            start = blockEnd[b] + 1;
        }

        return new IsotonicCalibration([.. xs], fitted);
    }

    public double Map(double score)
    {
        if (score <= x[0])
        {
            return y[0];
        }

        if (score >= x[^1])
        {
            return y[^1];
        }

        var hi = Array.BinarySearch(x, score);
        if (hi >= 0)
        {
            return y[hi];
        }

        hi = ~hi;
        var lo = hi - 1;
        var t = (score - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + (t * (y[hi] - y[lo]));
    }
}
