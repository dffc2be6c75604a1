using System.Text.Json.Nodes;

namespace RetrainTriggers.Drift.Streaming;

/// <summary>ADWIN's exponential histogram, change test and state, ported from River's <c>adwin_c.pyx</c>.</summary>
public sealed partial class Adwin
{
    internal static Adwin Read(JsonObject o)
    {
        var a = new Adwin(Number(o["delta"]), o["clock"]!.GetValue<int>(), o["maxBuckets"]!.GetValue<int>(), o["minWindowLength"]!.GetValue<int>(), o["gracePeriod"]!.GetValue<int>())
        {
            total = Number(o["total"]),
            variance = Number(o["variance"]),
            width = Number(o["width"]),
            tick = o["tick"]!.GetValue<long>(),
        };
        a.rows.Clear();
        foreach (var node in o["rows"]!.AsArray())
        {
            var row = new Row(a.MaxBuckets);
            var totals = node!["totals"]!.AsArray();
            var variances = node["variances"]!.AsArray();
            for (var i = 0; i < totals.Count; i++)
            {
                row.Insert(Number(totals[i]), Number(variances[i]));
            }

            a.rows.Add(row);
        }

        if (a.rows.Count == 0)
        {
            a.rows.Add(new Row(a.MaxBuckets));
        }

        return a;
    }

    private protected override void Write(JsonObject o)
    {
        o["delta"] = Number(Delta);
        o["clock"] = Clock;
        o["maxBuckets"] = MaxBuckets;
        o["minWindowLength"] = MinWindowLength;
        o["gracePeriod"] = GracePeriod;
        o["total"] = Number(total);
        o["variance"] = Number(variance);
        o["width"] = Number(width);
        o["tick"] = tick;
        var array = new JsonArray();
        foreach (var row in rows)
        {
            var totals = new JsonArray();
            var variances = new JsonArray();
            for (var i = 0; i < row.Count; i++)
            {
                totals.Add(Number(row.Totals[i]));
                variances.Add(Number(row.Variances[i]));
            }

            array.Add((JsonNode)new JsonObject { ["totals"] = totals, ["variances"] = variances });
        }

        o["rows"] = array;
    }

    private static double BucketSize(int row) => Math.Pow(2, row);

    private void Insert(double value)
    {
        rows[0].Insert(value, 0.0);
        width += 1;
        var incremental = 0.0;
        if (width > 1.0)
        {
            var d = value - (total / (width - 1.0));
            incremental = (width - 1.0) * d * d / width;
        }

        variance += incremental;
        total += value;
        Compress();
    }

    private double DeleteOldest()
    {
        var row = rows[^1];
        var n = BucketSize(rows.Count - 1);
        var u = row.Totals[0];
        var mu = u / n;
        var v = row.Variances[0];
        width -= n;
        total -= u;
        var muWindow = total / width;
        variance -= v + (n * width * (mu - muWindow) * (mu - muWindow) / (n + width));
        row.Remove(1);
        if (row.Count == 0)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return n;
    }

    private void Compress()
    {
        for (var idx = 0; idx < rows.Count; idx++)
        {
            var row = rows[idx];
            if (row.Count != MaxBuckets + 1)
            {
                break;
            }

            if (idx + 1 == rows.Count)
            {
                rows.Add(new Row(MaxBuckets));
            }

            var next = rows[idx + 1];
            var n1 = BucketSize(idx);
            var n2 = BucketSize(idx);
            var mu1 = row.Totals[0] / n1;
            var mu2 = row.Totals[1] / n2;
            var total12 = row.Totals[0] + row.Totals[1];
            var temp = n1 * n2 * (mu1 - mu2) * (mu1 - mu2) / (n1 + n2);
            next.Insert(total12, row.Variances[0] + row.Variances[1] + temp);
            row.Remove(2);
            if (next.Count <= MaxBuckets)
            {
                break;
            }
        }
    }

    private bool DetectChange()
    {
        var changed = false;
        tick++;
        if (tick % Clock != 0 || !(width > GracePeriod))
        {
            return false;
        }

        var reduce = true;
        while (reduce)
        {
            reduce = false;
            var exit = false;
            double n0 = 0, n1 = width, u0 = 0, u1 = total, v0 = 0, v1 = variance;
            for (var idx = rows.Count - 1; idx >= 0 && !exit; idx--)
            {
                var row = rows[idx];
                for (var k = 0; k < row.Count - 1; k++)
                {
                    var n2 = BucketSize(idx);
                    var u2 = row.Totals[k];
                    var mu2 = u2 / n2;
                    if (n0 > 0.0)
                    {
                        var mu0 = u0 / n0;
                        v0 += row.Variances[k] + (n0 * n2 * (mu0 - mu2) * (mu0 - mu2) / (n0 + n2));
                    }

                    if (n1 > 0.0)
                    {
                        var mu1 = u1 / n1;
                        v1 -= row.Variances[k] + (n1 * n2 * (mu1 - mu2) * (mu1 - mu2) / (n1 + n2));
                    }

                    n0 += BucketSize(idx);
                    n1 -= BucketSize(idx);
                    u0 += row.Totals[k];
                    u1 -= row.Totals[k];
                    if (idx == 0 && k == row.Count - 1)
                    {
                        exit = true;
                        break;
                    }

                    var deltaMean = (u0 / n0) - (u1 / n1);
                    if (n1 >= MinWindowLength && n0 >= MinWindowLength && CutDiffers(n0, n1, deltaMean))
                    {
                        reduce = true;
                        changed = true;
                        if (width > 0)
                        {
                            DeleteOldest();
                            exit = true;
                            break;
                        }
                    }
                }
            }
        }

        return changed;
    }

    private bool CutDiffers(double n0, double n1, double deltaMean)
    {
        var deltaPrime = Math.Log(2 * Math.Log(width) / Delta);
        var mRecip = (1.0 / (n0 - MinWindowLength + 1)) + (1.0 / (n1 - MinWindowLength + 1));
        var epsilon = Math.Sqrt(2 * mRecip * (variance / width) * deltaPrime) + (2.0 / 3.0 * deltaPrime * mRecip);
        return Math.Abs(deltaMean) > epsilon;
    }

    /// <summary>One row of the exponential histogram: up to maxBuckets + 1 buckets of one size, oldest first.</summary>
    private sealed class Row(int maxBuckets)
    {
        public double[] Totals { get; } = new double[maxBuckets + 1];

        public double[] Variances { get; } = new double[maxBuckets + 1];

        public int Count { get; private set; }

        public void Insert(double value, double variance)
        {
            Totals[Count] = value;
            Variances[Count] = variance;
            Count++;
        }

        public void Remove(int n)
        {
            Array.Copy(Totals, n, Totals, 0, Totals.Length - n);
            Array.Copy(Variances, n, Variances, 0, Variances.Length - n);
            Array.Clear(Totals, Totals.Length - n, n);
            Array.Clear(Variances, Variances.Length - n, n);
            Count -= n;
        }
    }
}
