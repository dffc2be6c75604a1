using System.Globalization;

namespace RetrainTriggers;

/// <summary>Any (k = 1), All (k = n) and AtLeast(k): fires when at least k children fire, with the InsufficientData algebra of <see cref="OutcomeAlgebra"/>.</summary>
internal sealed class CombinatorTrigger : Trigger
{
    private readonly ITrigger[] children;
    private readonly int required;
    private readonly bool shortCircuit;

    public CombinatorTrigger(string kind, int required, IEnumerable<ITrigger> children, string? name, bool shortCircuit)
        : this(kind, required, Materialize(children), name, shortCircuit)
    {
    }

    private CombinatorTrigger(string kind, int required, ITrigger[] children, string? name, bool shortCircuit)
        : base(name ?? DefaultName(kind, required, children))
    {
        this.children = children;
        var errors = new List<string>();
        Validate(kind, required, children, kind, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {kind}: {string.Join("; ", errors)}.", nameof(children));
        }

        this.required = kind == TriggerKinds.All ? children.Length : required;
        Kind = kind;
        this.shortCircuit = shortCircuit;
        TriggerTree.Validate(this, nameof(children));
    }

    public override string Kind { get; }

    /// <summary>Adds every problem of a combinator with <paramref name="children"/> to <paramref name="errors"/> as <c>{path}…</c>.</summary>
    internal static void Validate(string kind, int required, IReadOnlyList<ITrigger?> children, string path, List<string> errors)
    {
        if (children.Count == 0)
        {
            errors.Add($"{path} must list at least one trigger");
            return;
        }

        if (children.Contains(null))
        {
            errors.Add($"{path} has a null child trigger");
        }

        if (kind == TriggerKinds.AtLeast && (required < 1 || required > children.Count))
        {
            errors.Add($"{path}:Count must be between 1 and {children.Count.ToString(CultureInfo.InvariantCulture)} (the number of triggers), not {required.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    public override IReadOnlyList<ITrigger> Children => children;

    /// <summary>Gets a value indicating whether an operator built this node (and a chained operator may flatten it).</summary>
    internal bool FromOperator { get; init; }

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var results = new List<TriggerResult>(children.Length);
        int fired = 0, insufficient = 0;
        for (var i = 0; i < children.Length; i++)
        {
            var result = await EvaluateChildAsync(children[i], context, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            fired += result.Outcome == TriggerOutcome.Fired ? 1 : 0;
            insufficient += result.Outcome == TriggerOutcome.InsufficientData ? 1 : 0;
            var remaining = children.Length - i - 1;
            if (shortCircuit && remaining > 0 && OutcomeAlgebra.AtLeast(required, fired, insufficient + remaining) != TriggerOutcome.InsufficientData)
            {
                break;
            }
        }

        var skipped = children.Length - results.Count;
        var outcome = OutcomeAlgebra.AtLeast(required, fired, insufficient + skipped);
        var reason = Explain(outcome, results, fired, skipped);
        return Result(context, outcome, reason, fired, required, results, Cause(results));
    }

    /// <summary>Joins the causes of the fired children as <c>path=cause</c> in child order; null when none has one.</summary>
    private static string? Cause(List<TriggerResult> results)
    {
        var causes = results.Where(r => r.Fired && r.Cause is not null).Select(r => r.Path + "=" + r.Cause).ToList();
        return causes.Count == 0 ? null : string.Join(";", causes);
    }

    private static ITrigger[] Materialize(IEnumerable<ITrigger> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        return [.. children];
    }

    private static string DefaultName(string kind, int required, IEnumerable<ITrigger> children)
    {
        var prefix = kind switch
        {
            TriggerKinds.Any => "any",
            TriggerKinds.All => "all",
            _ => "at-least-" + required.ToString(CultureInfo.InvariantCulture),
        };
        return prefix + "(" + string.Join(",", children.Select(c => c?.Name)) + ")";
    }

    private static string Reasons(IEnumerable<TriggerResult> results) => string.Join("; ", results.Select(r => r.Reason));

    private string Explain(TriggerOutcome outcome, List<TriggerResult> results, int fired, int skipped)
    {
        var n = children.Length.ToString(CultureInfo.InvariantCulture);
        var firedResults = results.Where(r => r.Outcome == TriggerOutcome.Fired);
        var notFired = results.Where(r => r.Outcome == TriggerOutcome.NotFired);
        var insufficient = results.Where(r => r.Outcome == TriggerOutcome.InsufficientData).ToList();
        var reason = (Kind, outcome) switch
        {
            (TriggerKinds.Any, TriggerOutcome.Fired) => $"any of {n}: {Reasons(firedResults)}",
            (TriggerKinds.Any, TriggerOutcome.NotFired) => $"none of {n} fired",
            (TriggerKinds.Any, _) => $"none of {n} fired; insufficient data: {Reasons(insufficient)}",
            (TriggerKinds.All, TriggerOutcome.Fired) => $"all of {n}: {Reasons(firedResults)}",
            (TriggerKinds.All, TriggerOutcome.NotFired) => $"not all of {n}: {Reasons(notFired)}",
            (TriggerKinds.All, _) => $"all of {n} undecided; insufficient data: {Reasons(insufficient)}",
            (_, TriggerOutcome.Fired) => $"{Count(fired)} of {n} fired (need {Count(required)}): {Reasons(firedResults)}",
            (_, TriggerOutcome.NotFired) => $"{Count(fired)} of {n} fired (need {Count(required)})",
            _ => $"{Count(fired)} of {n} fired (need {Count(required)}); insufficient data: {Reasons(insufficient)}",
        };
        return skipped == 0 ? reason : $"{reason} ({Count(skipped)} not evaluated: short-circuit)";
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
