namespace RetrainTriggers.Statistics;

/// <summary>
/// The corrections of statsmodels 0.13 <c>multipletests</c> on ascending p-values, ported step for step (including
/// its order of floating-point operations) so corrected values match to the last bits.
/// </summary>
internal static class StepwiseCorrection
{
    /// <summary>Corrects <paramref name="sorted"/> (ascending) into <paramref name="corrected"/> and <paramref name="reject"/>, same order.</summary>
    public static void Apply(double[] sorted, MultipleTestingMethod method, double alpha, double[] corrected, bool[] reject)
    {
        var m = sorted.Length;
        switch (method)
        {
            case MultipleTestingMethod.Bonferroni:
                for (var i = 0; i < m; i++)
                {
                    reject[i] = sorted[i] <= alpha / m;
                    corrected[i] = sorted[i] * m;
                }

                break;
            case MultipleTestingMethod.Sidak:
                var sidak = SidakAlpha(alpha, m);
                for (var i = 0; i < m; i++)
                {
                    reject[i] = sorted[i] <= sidak;
                    corrected[i] = -ExpM1(m * Log1P(-sorted[i]));
                }

                break;
            case MultipleTestingMethod.Holm:
                StepDown(sorted, reject, i => alpha / (m - i));
                RunningMax(corrected, i => sorted[i] * (m - i));
                break;
            case MultipleTestingMethod.HolmSidak:
                StepDown(sorted, reject, i => 1 - Math.Pow(1.0 - alpha, 1.0 / (m - i)));
                RunningMax(corrected, i => -ExpM1((m - i) * Log1P(-sorted[i])));
                break;
            case MultipleTestingMethod.SimesHochberg:
                StepUp(sorted, reject, i => alpha / (m - i));
                RunningMinFromEnd(corrected, i => (m - i) * sorted[i]);
                break;
            case MultipleTestingMethod.Hommel:
                Hommel(sorted, corrected);
                for (var i = 0; i < m; i++)
                {
                    reject[i] = corrected[i] <= alpha;
                }

                break;
            case MultipleTestingMethod.BenjaminiHochberg:
                Fdr(sorted, alpha, 1.0, corrected, reject);
                break;
            case MultipleTestingMethod.BenjaminiYekutieli:
                var harmonic = new double[m];
                for (var i = 0; i < m; i++)
                {
                    harmonic[i] = 1.0 / (i + 1);
                }

                Fdr(sorted, alpha, Divergence.NumpySum(harmonic), corrected, reject);
                break;
            case MultipleTestingMethod.TwoStageBenjaminiHochberg:
                TwoStage(sorted, alpha, krieger: false, corrected, reject);
                break;
            case MultipleTestingMethod.TwoStageBenjaminiKriegerYekutieli:
                TwoStage(sorted, alpha, krieger: true, corrected, reject);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown multiple-testing method.");
        }

        for (var i = 0; i < m; i++)
        {
            if (corrected[i] > 1)
            {
                corrected[i] = 1;
            }
        }
    }

    /// <summary>statsmodels' <c>alphacSidak = 1 - np.power(1 - alpha, 1 / m)</c>.</summary>
    public static double SidakAlpha(double alpha, int m) => 1 - Math.Pow(1.0 - alpha, 1.0 / m);

    /// <summary>ln(1 + x), accurate for small |x| (the classic correction of <c>log(1 + x)</c> by the rounding of <c>1 + x</c>).</summary>
    internal static double Log1P(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>e^x − 1, accurate for small |x| (Kahan's correction of <c>exp(x) - 1</c>).</summary>
    internal static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
    }

    /// <summary>Rejects every hypothesis before the first one whose p exceeds its threshold.</summary>
    private static void StepDown(double[] sorted, bool[] reject, Func<int, double> threshold)
    {
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i] > threshold(i))
            {
                break;
            }

            reject[i] = true;
        }
    }

    /// <summary>Rejects every hypothesis up to the last one whose p is within its threshold.</summary>
    private static void StepUp(double[] sorted, bool[] reject, Func<int, double> threshold)
    {
        var last = -1;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i] <= threshold(i))
            {
                last = i;
            }
        }

        for (var i = 0; i <= last; i++)
        {
            reject[i] = true;
        }
    }

    private static void RunningMax(double[] corrected, Func<int, double> raw)
    {
        var running = double.NegativeInfinity;
        for (var i = 0; i < corrected.Length; i++)
        {
            running = Math.Max(running, raw(i));
            corrected[i] = running;
        }
    }

    private static void RunningMinFromEnd(double[] corrected, Func<int, double> raw)
    {
        var running = double.PositiveInfinity;
        for (var i = corrected.Length - 1; i >= 0; i--)
        {
            running = Math.Min(running, raw(i));
            corrected[i] = running;
        }
    }

    /// <summary>statsmodels' <c>fdrcorrection(is_sorted=True)</c>; <paramref name="harmonic"/> is 1 for "indep" and Σ1/i for "negcorr".</summary>
    private static void Fdr(double[] sorted, double alpha, double harmonic, double[] corrected, bool[] reject)
    {
        var m = sorted.Length;
        var factors = new double[m];
        for (var i = 0; i < m; i++)
        {
            factors[i] = (i + 1) / (double)m;
            if (harmonic != 1.0)
            {
                factors[i] /= harmonic;
            }
        }

        StepUp(sorted, reject, i => factors[i] * alpha);
        RunningMinFromEnd(corrected, i => sorted[i] / factors[i]);
        for (var i = 0; i < m; i++)
        {
            if (corrected[i] > 1)
            {
                corrected[i] = 1;
            }
        }
    }

    /// <summary>statsmodels' <c>fdrcorrection_twostage(maxiter=1)</c>, method "bh" or "bky".</summary>
    private static void TwoStage(double[] sorted, double alpha, bool krieger, double[] corrected, bool[] reject)
    {
        var m = sorted.Length;
        var fact = krieger ? 1.0 + alpha : 1.0;
        var alphaPrime = krieger ? alpha / fact : alpha;
        Fdr(sorted, alphaPrime, 1.0, corrected, reject);
        var r1 = reject.Count(r => r);
        if (r1 == 0 || r1 == m)
        {
            for (var i = 0; i < m; i++)
            {
                corrected[i] *= fact;
            }

            return;
        }

        var m0 = (1.0 * m) - r1;
        var alphaStar = alphaPrime * m / m0;
        Array.Clear(reject);
        Fdr(sorted, alphaStar, 1.0, corrected, reject);
        var scale = m0 * 1.0 / m;
        for (var i = 0; i < m; i++)
        {
            corrected[i] *= scale;
            if (krieger)
            {
                corrected[i] *= 1.0 + alpha;
            }
        }
    }

    /// <summary>statsmodels' Hommel loop on ascending p-values.</summary>
    private static void Hommel(double[] p, double[] a)
    {
        var n = p.Length;
        Array.Copy(p, a, n);
        for (var m = n; m >= 2; m--)
        {
            var cim = double.PositiveInfinity;
            for (var j = 1; j <= m; j++)
            {
                cim = Math.Min(cim, m * p[n - m + j - 1] / j);
            }

            for (var i = n - m; i < n; i++)
            {
                a[i] = Math.Max(a[i], cim);
            }

            for (var i = 0; i < n - m; i++)
            {
                a[i] = Math.Max(a[i], Math.Min(m * p[i], cim));
            }
        }
    }
}
