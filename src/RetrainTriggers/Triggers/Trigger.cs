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
public abstract partial class Trigger : ITrigger
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

    private static void Describe(ITrigger node, int depth, System.Text.StringBuilder builder)
    {
        builder.Append(' ', depth * 2).Append(node.Name).Append(" [").Append(node.Kind).Append("]\n");
        foreach (var child in node.Children)
        {
            Describe(child, depth + 1, builder);
        }
    }
}
