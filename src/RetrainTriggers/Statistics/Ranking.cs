namespace RetrainTriggers.Statistics;

/// <summary>Midranks of pooled samples and their tie groups, as <c>scipy.stats.rankdata(method="average")</c>.</summary>
internal static class Ranking
{
    /// <summary>
    /// Assigns midranks (1-based, ties averaged) to the concatenation of <paramref name="groups"/> and returns, per group,
    /// the sum of its ranks, plus <c>sum(t^3 - t)</c> over the tie groups.
    /// </summary>
    /// <remarks>Ranks are multiples of 1/2, so rank sums are exact in double for any practical size.</remarks>
    public static double[] RankSums(IReadOnlyList<double[]> groups, out double tieTerm, out int total)
    {
        total = 0;
        foreach (var g in groups)
        {
            total += g.Length;
        }

        var values = new double[total];
        var owner = new int[total];
        var k = 0;
        for (var gi = 0; gi < groups.Count; gi++)
        {
            foreach (var v in groups[gi])
            {
                values[k] = v;
                owner[k] = gi;
                k++;
            }
        }

        Array.Sort(values, owner);
        var sums = new double[groups.Count];
        tieTerm = 0;
        var i = 0;
        while (i < total)
        {
            var j = i + 1;
            while (j < total && values[j] == values[i])
            {
                j++;
            }

            double t = j - i;
            var rank = (i + 1 + j) / 2.0;
            for (var q = i; q < j; q++)
            {
                sums[owner[q]] += rank;
            }

            tieTerm += (t * t * t) - t;
            i = j;
        }

        return sums;
    }

    /// <summary>Copies the finite values of <paramref name="values"/> into a new array (NaN and ±∞ are excluded).</summary>
    /// <exception cref="ArgumentException">Fewer than <paramref name="minimumCount"/> finite values.</exception>
    public static double[] Finite(ReadOnlySpan<double> values, string paramName, int minimumCount)
    {
        var count = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                count++;
            }
        }

        if (count < minimumCount)
        {
            throw new ArgumentException(
                string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"The sample has {count} finite value(s) out of {values.Length} (NaN and infinities are excluded); at least {minimumCount} are required."),
                paramName);
        }

        var result = new double[count];
        var k = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                result[k++] = v == 0 ? 0.0 : v;
            }
        }

        return result;
    }
}
