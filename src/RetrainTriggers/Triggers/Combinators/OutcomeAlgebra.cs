namespace RetrainTriggers;

/// <summary>The one rule behind every combination of outcomes (Any, All, AtLeast, two-condition kinds).</summary>
/// <remarks>
/// With <c>f</c> children fired, <c>u</c> insufficient (or not evaluated) and <c>k</c> required: Fired when <c>f &gt;= k</c>;
/// NotFired when <c>f + u &lt; k</c> (even if every undecided child fired, k could not be reached); otherwise InsufficientData.
/// Any is k = 1 and All is k = n, which gives: Any fires if any child fired, else is InsufficientData if any child was,
/// else NotFired; All is NotFired if any child did not fire, else InsufficientData if any child was, else Fired.
/// </remarks>
internal static class OutcomeAlgebra
{
    public static TriggerOutcome AtLeast(int required, int fired, int undecided) =>
        fired >= required ? TriggerOutcome.Fired
        : fired + undecided < required ? TriggerOutcome.NotFired
        : TriggerOutcome.InsufficientData;
}
