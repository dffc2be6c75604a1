namespace RetrainTriggers.Cli.Demo;

/// <summary>The simulated world: seeded daily traffic whose features drift and whose churn concept changes on a fixed script.</summary>
/// <remarks>
/// Day 0 is the history the first champion is trained on. The script: a calm first week; a covariate shift in
/// support calls (same concept, so retraining cannot help); a change of concept that makes the champion decay; a
/// three-day promotion campaign whose sign-ups behave differently; then the world returns to the changed concept.
/// </remarks>
internal sealed class DemoWorld
{
    public const int Days = 28;
    public const int HistoryRows = 4000;
    public const int RowsPerDay = 2000;

    public static readonly DemoRegime Calm = new("calm", "customers behave as in the training history");

    public static readonly DemoRegime SupportShift = Calm with
    {
        Name = "support-shift",
        Story = "a new help centre: support calls rise and spread out, and churn reacts to them as before, so retraining cannot help",
        SupportCallsMean = 1.5,
        SupportCallsSd = 1.5,
    };

    public static readonly DemoRegime NewConcept = SupportShift with
    {
        Name = "new-concept",
        Story = "a price change: heavy users now churn, and spend matters four times as much",
        UsageWeight = 1.5,
        SpendWeight = 2.0,
    };

    public static readonly DemoRegime Campaign = NewConcept with
    {
        Name = "campaign",
        Story = "a three-day sign-up campaign: short-tenure basic-plan customers, who stay when they call support",
        TenureMean = -1.0,
        TenureSd = 0.6,
        Plans = (0.8, 0.15, 0.05),
        SupportCallsSd = 0.5,
        SupportCallsWeight = -4.0,
        Intercept = 5.8,
    };

    private readonly int seed;
    private readonly Dictionary<int, IReadOnlyList<DemoRow>> traffic = [];

    public DemoWorld(int seed)
    {
        this.seed = seed;
    }

    public static DemoRegime RegimeOn(int day) => day switch
    {
        < 7 => Calm,
        < 12 => SupportShift,
        >= 20 and < 23 => Campaign,
        _ => NewConcept,
    };

    /// <summary>Gets the labelled traffic of a day (day 0: the history), the same rows every time for one seed.</summary>
    public IReadOnlyList<DemoRow> Traffic(int day)
    {
        if (!traffic.TryGetValue(day, out var rows))
        {
            rows = Generate(RegimeOn(day), day == 0 ? HistoryRows : RowsPerDay, new Random(unchecked((seed * 7919) + day)));
            traffic[day] = rows;
        }

        return rows;
    }

    private static DemoRow[] Generate(DemoRegime regime, int count, Random random)
    {
        var rows = new DemoRow[count];
        for (var i = 0; i < count; i++)
        {
            var tenure = regime.TenureMean + (regime.TenureSd * Gaussian(random));
            var usage = Gaussian(random);
            var support = regime.SupportCallsMean + (regime.SupportCallsSd * Gaussian(random));
            var spend = Gaussian(random);
            var pick = random.NextDouble();
            var (plan, planEffect) = pick < regime.Plans.Basic ? ("basic", regime.PlanWeight)
                : pick < regime.Plans.Basic + regime.Plans.Plus ? ("plus", 0.0)
                : ("pro", -regime.PlanWeight);
            var logit = regime.Intercept + (regime.TenureWeight * tenure) + (regime.UsageWeight * usage)
                + (regime.SupportCallsWeight * support) + (regime.SpendWeight * spend) + planEffect;
            var churns = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            rows[i] = new DemoRow
            {
                Tenure = (float)tenure,
                Usage = (float)usage,
                SupportCalls = (float)support,
                Spend = (float)spend,
                Plan = plan,
                Label = churns,
            };
        }

        return rows;
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller: two uniforms give one standard normal value.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
