namespace RetrainTriggers.Orchestration;

/// <summary>The result of one data check: its name, whether it passed and why.</summary>
/// <param name="Check">The check's name, for example <c>MinimumRows(1000)</c> or <c>MaxNullRate(age, 0.05)</c>.</param>
/// <param name="Passed">Whether the data passed the check.</param>
/// <param name="Reason">A one-line reason, for example <c>812 rows &lt; 1000</c>.</param>
public sealed record DataCheckResult(string Check, bool Passed, string Reason);
