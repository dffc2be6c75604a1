using RetrainTriggers.Drift;

namespace RetrainTriggers;

/// <summary>A built-in trigger node, and the factory for every built-in kind, combinator and modifier.</summary>
/// <remarks>
/// <para>
/// Build trees with the static methods (<see cref="Threshold(ThresholdOptions)"/>, <see cref="Any(ITrigger[])"/>…), the
/// operators <c>|</c> (any), <c>&amp;</c> (all) and <c>!</c> (not), and the fluent modifiers
/// (<see cref="SustainedFor(TimeSpan, string?)"/>, <see cref="WithCooldown(TimeSpan, string?)"/>). Host triggers implement
/// <see cref="ITrigger"/> and join a tree directly, or through <see cref="From(ITrigger)"/> to use the operators.
/// </para>
/// <para>
/// Names key trigger state, so they must be unique within one tree; combinators check this when they are built and
/// throw an <see cref="ArgumentException"/> naming the duplicate and both paths. Default names are stable per kind
/// (<c>threshold:accuracy</c>, <c>any(a,b)</c>); give a <c>Name</c> to keep state keys stable while a tree evolves.
/// </para>
/// </remarks>
public abstract class Trigger : ITrigger
{
    private protected Trigger(string name)
    {
        TriggerTree.ValidateName(name, nameof(name));
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public abstract string Kind { get; }

    /// <inheritdoc/>
    public virtual IReadOnlyList<ITrigger> Children => [];

    /// <summary>Combines two triggers with <see cref="Any(ITrigger[])"/>; chains (<c>a | b | c</c>) flatten into one node.</summary>
    /// <param name="left">The left trigger.</param>
    /// <param name="right">The right trigger.</param>
    /// <returns>A trigger that fires when either fires.</returns>
    public static Trigger operator |(Trigger left, Trigger right) => CombineOperator(TriggerKinds.Any, left, right);

    /// <summary>Combines two triggers with <see cref="All(ITrigger[])"/>; chains (<c>a &amp; b &amp; c</c>) flatten into one node.</summary>
    /// <param name="left">The left trigger.</param>
    /// <param name="right">The right trigger.</param>
    /// <returns>A trigger that fires when both fire.</returns>
    public static Trigger operator &(Trigger left, Trigger right) => CombineOperator(TriggerKinds.All, left, right);

    /// <summary>Negates a trigger with <see cref="Not(ITrigger, string?)"/>.</summary>
    /// <param name="trigger">The trigger to negate.</param>
    /// <returns>A trigger that fires when <paramref name="trigger"/> does not (and keeps <see cref="TriggerOutcome.InsufficientData"/>).</returns>
    public static Trigger operator !(Trigger trigger) => Not(trigger);

    /// <summary>Fires when a metric is below, above, or outside a band, absolutely or relative to the baseline of the last retrain.</summary>
    /// <param name="options">The metric and its bounds.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">The metric is empty, no bound is set, or the band is inverted.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN or infinite, or a baseline factor is not positive.</exception>
    public static Trigger Threshold(ThresholdOptions options) => new ThresholdTrigger(options);

    /// <summary>Fires when <paramref name="metric"/> is strictly below <paramref name="threshold"/> (e.g. accuracy &lt; 0.85).</summary>
    /// <param name="metric">The metric name.</param>
    /// <param name="threshold">The bound.</param>
    /// <param name="name">The trigger name; default <c>threshold:{metric}</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Below(string metric, double threshold, string? name = null) =>
        new ThresholdTrigger(new ThresholdOptions { Metric = metric, Below = threshold, Name = name });

    /// <summary>Fires when <paramref name="metric"/> is strictly above <paramref name="threshold"/> (e.g. error_rate &gt; 0.1).</summary>
    /// <param name="metric">The metric name.</param>
    /// <param name="threshold">The bound.</param>
    /// <param name="name">The trigger name; default <c>threshold:{metric}</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Above(string metric, double threshold, string? name = null) =>
        new ThresholdTrigger(new ThresholdOptions { Metric = metric, Above = threshold, Name = name });

    /// <summary>Fires with enter/exit thresholds on a metric so a value wobbling around one line does not flap.</summary>
    /// <param name="options">The metric, direction and thresholds.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">The metric is empty or the thresholds are in the wrong order for the direction.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is NaN or infinite, or a baseline factor is not positive.</exception>
    public static Trigger Hysteresis(HysteresisOptions options) => new HysteresisTrigger(options);

    /// <summary>Fires when a cron occurrence or an interval has passed since the anchor (first evaluation, last retrain, last firing).</summary>
    /// <param name="options">The cron expression or interval, the time zone and the missed-fire policy.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">Neither or both of cron and interval are set, or the cron expression is invalid (the message names it).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive or the grace period is negative.</exception>
    public static Trigger Schedule(ScheduleOptions options) => new ScheduleTrigger(options);

    /// <summary>Fires when an occurrence of a cron expression (5 fields, or 6 with seconds) has passed since the anchor.</summary>
    /// <param name="cron">The cron expression.</param>
    /// <param name="timeZone">The time zone it is read in; default UTC.</param>
    /// <param name="name">The trigger name; default <c>schedule</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Cron(string cron, TimeZoneInfo? timeZone = null, string? name = null) =>
        new ScheduleTrigger(new ScheduleOptions { Cron = cron, TimeZone = timeZone, Name = name });

    /// <summary>Fires when <paramref name="interval"/> has passed since the anchor.</summary>
    /// <param name="interval">The interval; greater than zero.</param>
    /// <param name="name">The trigger name; default <c>schedule</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Every(TimeSpan interval, string? name = null) =>
        new ScheduleTrigger(new ScheduleOptions { Interval = interval, Name = name });

    /// <summary>Fires when enough new labeled rows have arrived since the last retrain, absolutely and/or relative to the last training set.</summary>
    /// <param name="options">The row count and/or growth fraction.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">Neither condition is set.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A condition is not positive or not finite.</exception>
    public static Trigger Volume(VolumeOptions options) => new VolumeTrigger(options);

    /// <summary>Fires when at least <paramref name="minNewRows"/> new labeled rows and/or growth of <paramref name="minGrowth"/> (0.2 = 20%) are reached; either suffices.</summary>
    /// <param name="minNewRows">The new-row count; greater than 0.</param>
    /// <param name="minGrowth">The growth fraction of the last training set; greater than 0.</param>
    /// <param name="name">The trigger name; default <c>volume</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Volume(long? minNewRows = null, double? minGrowth = null, string? name = null) =>
        new VolumeTrigger(new VolumeOptions { MinNewRows = minNewRows, MinGrowth = minGrowth, Name = name });

    /// <summary>Fires on a drift score or decision from the context's <see cref="IDriftSignalSource"/>, dataset-level or for one feature.</summary>
    /// <param name="options">The feature, score threshold and/or minimum level.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">Neither condition is set, or the feature name is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The score threshold is negative or not finite, or the level is <see cref="DriftDecision.None"/>.</exception>
    public static Trigger Drift(DriftOptions options) => new DriftTrigger(options);

    /// <summary>Fires when the drift score is strictly above <paramref name="scoreAbove"/>.</summary>
    /// <param name="scoreAbove">The score threshold; at least 0.</param>
    /// <param name="feature">The feature, or <see langword="null"/> for the dataset.</param>
    /// <param name="name">The trigger name; default <c>drift</c> or <c>drift:{feature}</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Drift(double scoreAbove, string? feature = null, string? name = null) =>
        new DriftTrigger(new DriftOptions { ScoreAbove = scoreAbove, Feature = feature, Name = name });

    /// <summary>Fires when a host predicate returns <see langword="true"/>; exceptions from the predicate propagate.</summary>
    /// <param name="name">The trigger name (required: a predicate has no stable default).</param>
    /// <param name="predicate">The condition.</param>
    /// <returns>The trigger.</returns>
    public static Trigger When(string name, Func<TriggerContext, CancellationToken, ValueTask<bool>> predicate) =>
        new PredicateTrigger(name, predicate);

    /// <summary>Fires when a synchronous host predicate returns <see langword="true"/>; exceptions from the predicate propagate.</summary>
    /// <param name="name">The trigger name.</param>
    /// <param name="predicate">The condition.</param>
    /// <returns>The trigger.</returns>
    public static Trigger When(string name, Func<TriggerContext, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new PredicateTrigger(name, (context, _) => new ValueTask<bool>(predicate(context)));
    }

    /// <summary>Wraps a host <see cref="ITrigger"/> so it can use the operators and fluent modifiers; the wrapper is transparent (same name, kind, path).</summary>
    /// <param name="trigger">The trigger.</param>
    /// <returns><paramref name="trigger"/> itself when it is already a <see cref="Trigger"/>, else a transparent wrapper.</returns>
    public static Trigger From(ITrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return trigger as Trigger ?? new WrappedTrigger(trigger);
    }

    /// <summary>Fires when any child fires; every child is evaluated so the explanation is complete.</summary>
    /// <param name="children">The children; at least one.</param>
    /// <returns>The trigger, named <c>any(child1,child2,…)</c>.</returns>
    /// <exception cref="ArgumentException">No children, or duplicate names in the tree.</exception>
    public static Trigger Any(params ITrigger[] children) => new CombinatorTrigger(TriggerKinds.Any, 1, children, null, shortCircuit: false);

    /// <summary>Fires when any child fires.</summary>
    /// <param name="children">The children; at least one.</param>
    /// <param name="name">The trigger name; default <c>any(child1,child2,…)</c>.</param>
    /// <param name="shortCircuit">Stop at the first child that fires (later children are not evaluated and keep their state unchanged).</param>
    /// <returns>The trigger.</returns>
    public static Trigger Any(IEnumerable<ITrigger> children, string? name = null, bool shortCircuit = false) =>
        new CombinatorTrigger(TriggerKinds.Any, 1, children, name, shortCircuit);

    /// <summary>Fires when every child fires; every child is evaluated so the explanation is complete.</summary>
    /// <param name="children">The children; at least one.</param>
    /// <returns>The trigger, named <c>all(child1,child2,…)</c>.</returns>
    /// <exception cref="ArgumentException">No children, or duplicate names in the tree.</exception>
    public static Trigger All(params ITrigger[] children) => new CombinatorTrigger(TriggerKinds.All, 0, children, null, shortCircuit: false);

    /// <summary>Fires when every child fires.</summary>
    /// <param name="children">The children; at least one.</param>
    /// <param name="name">The trigger name; default <c>all(child1,child2,…)</c>.</param>
    /// <param name="shortCircuit">Stop at the first child that does not fire.</param>
    /// <returns>The trigger.</returns>
    public static Trigger All(IEnumerable<ITrigger> children, string? name = null, bool shortCircuit = false) =>
        new CombinatorTrigger(TriggerKinds.All, 0, children, name, shortCircuit);

    /// <summary>Fires when at least <paramref name="count"/> children fire.</summary>
    /// <param name="count">How many must fire; 1 to the number of children.</param>
    /// <param name="children">The children.</param>
    /// <returns>The trigger, named <c>at-least-{count}(child1,…)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 1..n.</exception>
    public static Trigger AtLeast(int count, params ITrigger[] children) =>
        new CombinatorTrigger(TriggerKinds.AtLeast, count, children, null, shortCircuit: false);

    /// <summary>Fires when at least <paramref name="count"/> children fire.</summary>
    /// <param name="count">How many must fire; 1 to the number of children.</param>
    /// <param name="children">The children.</param>
    /// <param name="name">The trigger name; default <c>at-least-{count}(child1,…)</c>.</param>
    /// <param name="shortCircuit">Stop as soon as the outcome is decided.</param>
    /// <returns>The trigger.</returns>
    public static Trigger AtLeast(int count, IEnumerable<ITrigger> children, string? name = null, bool shortCircuit = false) =>
        new CombinatorTrigger(TriggerKinds.AtLeast, count, children, name, shortCircuit);

    /// <summary>Fires when <paramref name="trigger"/> does not fire; <see cref="TriggerOutcome.InsufficientData"/> stays as it is.</summary>
    /// <param name="trigger">The trigger to negate.</param>
    /// <param name="name">The trigger name; default <c>not({inner})</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Not(ITrigger trigger, string? name = null) => new NotTrigger(trigger, name);

    /// <summary>Fires only when <paramref name="trigger"/> has kept firing for a duration and/or a number of consecutive evaluations.</summary>
    /// <param name="trigger">The inner trigger.</param>
    /// <param name="options">The duration and/or evaluation count.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">Neither duration nor count is set.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The duration is not positive or the count is below 1.</exception>
    public static Trigger Sustained(ITrigger trigger, SustainedOptions options) => new SustainedTrigger(trigger, options);

    /// <summary>Lets <paramref name="trigger"/> fire at most once per <paramref name="period"/>.</summary>
    /// <param name="trigger">The inner trigger.</param>
    /// <param name="period">The minimum time between firings; greater than zero.</param>
    /// <param name="name">The trigger name; default <c>cooldown({inner})</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Cooldown(ITrigger trigger, TimeSpan period, string? name = null) => new CooldownTrigger(trigger, period, name);

    /// <summary>Evaluates this trigger; when <paramref name="context"/> is a root context (empty path) it is first positioned at this node.</summary>
    /// <param name="context">The context.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The explainable result.</returns>
    public ValueTask<TriggerResult> EvaluateAsync(TriggerContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        return EvaluateCoreAsync(context.Path.Length == 0 ? context.ForChild(Name) : context, cancellationToken);
    }

    /// <summary>Evaluates this trigger as the root of a tree over in-memory signals.</summary>
    /// <param name="signals">The metric, volume, history and drift signals.</param>
    /// <param name="stateStore">Where stateful nodes keep their state.</param>
    /// <param name="timeProvider">The clock; read once for the whole tree.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The explainable result.</returns>
    public ValueTask<TriggerResult> EvaluateAsync(
        InMemorySignals signals, ITriggerStateStore stateStore, TimeProvider timeProvider, CancellationToken cancellationToken = default) =>
        TriggerEvaluator.EvaluateAsync(this, signals, stateStore, timeProvider, cancellationToken);

    /// <summary>Wraps this trigger in <see cref="Sustained(ITrigger, SustainedOptions)"/> with a duration.</summary>
    /// <param name="duration">How long it must keep firing; greater than zero.</param>
    /// <param name="name">The modifier's name; default <c>sustained({inner})</c>.</param>
    /// <returns>The modified trigger.</returns>
    public Trigger SustainedFor(TimeSpan duration, string? name = null) =>
        new SustainedTrigger(this, new SustainedOptions { Duration = duration, Name = name });

    /// <summary>Wraps this trigger in <see cref="Sustained(ITrigger, SustainedOptions)"/> with a count of consecutive evaluations.</summary>
    /// <param name="evaluations">How many consecutive evaluations must fire; at least 1.</param>
    /// <param name="name">The modifier's name; default <c>sustained({inner})</c>.</param>
    /// <returns>The modified trigger.</returns>
    public Trigger SustainedFor(int evaluations, string? name = null) =>
        new SustainedTrigger(this, new SustainedOptions { Evaluations = evaluations, Name = name });

    /// <summary>Wraps this trigger in <see cref="Cooldown(ITrigger, TimeSpan, string?)"/>.</summary>
    /// <param name="period">The minimum time between firings; greater than zero.</param>
    /// <param name="name">The modifier's name; default <c>cooldown({inner})</c>.</param>
    /// <returns>The modified trigger.</returns>
    public Trigger WithCooldown(TimeSpan period, string? name = null) => new CooldownTrigger(this, period, name);

    /// <summary>Describes the tree under this node, one node per line, indented by depth.</summary>
    /// <returns>The description, e.g. <c>any(a,b) [Any]</c> followed by its children.</returns>
    public override string ToString()
    {
        var builder = new System.Text.StringBuilder();
        Describe(this, 0, builder);
        return builder.ToString().TrimEnd('\n');
    }

    /// <summary>Evaluates the node; <paramref name="context"/> is already positioned at it.</summary>
    private protected abstract ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken);

    /// <summary>Builds this node's result.</summary>
    private protected TriggerResult Result(
        TriggerContext context,
        TriggerOutcome outcome,
        string reason,
        double? observed = null,
        double? threshold = null,
        IReadOnlyList<TriggerResult>? children = null,
        string? cause = null) => new()
        {
            Name = Name,
            Kind = Kind,
            Outcome = outcome,
            Path = context.Path,
            ObservedValue = observed is { } o && double.IsFinite(o) ? o : null,
            Threshold = threshold is { } t && double.IsFinite(t) ? t : null,
            Reason = reason,
            EvaluatedAt = context.Now,
            Children = children ?? [],
            Cause = outcome == TriggerOutcome.Fired ? cause : null,
        };

    /// <summary>Evaluates a child positioned at its own path; a custom child returning null is reported as insufficient data.</summary>
    private protected static async ValueTask<TriggerResult> EvaluateChildAsync(ITrigger child, TriggerContext context, CancellationToken cancellationToken)
    {
        var childContext = context.ForChild(child.Name);
        var result = await child.EvaluateAsync(childContext, cancellationToken).ConfigureAwait(false);
        return result ?? new TriggerResult
        {
            Name = child.Name,
            Kind = child.Kind,
            Outcome = TriggerOutcome.InsufficientData,
            Path = childContext.Path,
            Reason = $"trigger '{child.Name}' returned no result",
            EvaluatedAt = context.Now,
        };
    }

    private static Trigger CombineOperator(string kind, Trigger left, Trigger right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var children = new List<ITrigger>();
        foreach (var side in (ReadOnlySpan<Trigger>)[left, right])
        {
            // a | b | c builds one any(a,b,c), not any(any(a,b),c): only operator-made nodes flatten, named ones stay.
            if (side is CombinatorTrigger { FromOperator: true } combinator && combinator.Kind == kind)
            {
                children.AddRange(combinator.Children);
            }
            else
            {
                children.Add(side);
            }
        }

        return new CombinatorTrigger(kind, kind == TriggerKinds.Any ? 1 : 0, children, null, shortCircuit: false) { FromOperator = true };
    }

    private static void Describe(ITrigger node, int depth, System.Text.StringBuilder builder)
    {
        builder.Append(' ', depth * 2).Append(node.Name).Append(" [").Append(node.Kind).Append("]\n");
        foreach (var child in node.Children)
        {
            Describe(child, depth + 1, builder);
        }
    }
}
