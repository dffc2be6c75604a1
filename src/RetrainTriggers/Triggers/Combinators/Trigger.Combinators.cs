namespace RetrainTriggers;

/// <content>The Combinators slice of the factory.</content>
public abstract partial class Trigger
{
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
}
