namespace RetrainTriggers.Orchestration;

/// <summary>The explained result of validating training data: every check with its reason, and whether all passed.</summary>
public sealed record DataValidationResult
{
    /// <summary>Creates a result from the checks made.</summary>
    /// <param name="checks">The checks, in the order they were made.</param>
    /// <exception cref="ArgumentNullException"><paramref name="checks"/> is <see langword="null"/>.</exception>
    public DataValidationResult(IReadOnlyList<DataCheckResult> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        Checks = checks;
    }

    /// <summary>Gets every check that was made, in order.</summary>
    public IReadOnlyList<DataCheckResult> Checks { get; }

    /// <summary>Gets a value indicating whether every check passed (also when no check was made).</summary>
    public bool IsValid => Checks.All(static c => c.Passed);

    /// <summary>Gets the checks that failed.</summary>
    public IEnumerable<DataCheckResult> Failures => Checks.Where(static c => !c.Passed);

    /// <summary>Describes the result on one line: <c>valid (3 checks)</c> or the failed checks' reasons joined by <c>; </c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        IsValid
            ? $"valid ({Checks.Count} checks)"
            : "invalid: " + string.Join("; ", Failures.Select(static f => $"{f.Check}: {f.Reason}"));
}
