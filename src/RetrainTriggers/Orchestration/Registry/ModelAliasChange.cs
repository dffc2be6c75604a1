namespace RetrainTriggers.Orchestration;

/// <summary>One move of a registry alias: which version it points to now, which before, when and why.</summary>
public sealed record ModelAliasChange
{
    /// <summary>Gets the position of this change in the registry's alias history (1, 2, …; across all aliases).</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the alias that moved, for example <see cref="ModelAliases.Champion"/>.</summary>
    public required string Alias { get; init; }

    /// <summary>Gets the version the alias points to after the change.</summary>
    public required int Version { get; init; }

    /// <summary>Gets the version the alias pointed to before the change, or <see langword="null"/> when it was unset.</summary>
    public int? PreviousVersion { get; init; }

    /// <summary>Gets a value indicating whether the change was a rollback.</summary>
    public required bool IsRollback { get; init; }

    /// <summary>Gets why the alias moved (the run id and decision summary for a promotion, the watch result for a rollback).</summary>
    public required string Reason { get; init; }

    /// <summary>Gets when the alias moved.</summary>
    public required DateTimeOffset ChangedAt { get; init; }
}
