using RetrainTriggers.Drift;

namespace RetrainTriggers.Orchestration;

/// <summary>Keeps the versions of one model, the aliases that point at them (<see cref="ModelAliases.Champion"/> and any other name) and the history of every alias move.</summary>
/// <typeparam name="TModel">The host's model type.</typeparam>
/// <remarks>
/// <para>
/// One registry holds one model (one pipeline). Versions are numbered 1, 2, … by the registry and never change
/// once registered, except for their tags. Moving an alias is atomic: a reader sees the alias on the old or on
/// the new version, never in between, and the change is durable with its history entry when the call returns.
/// The retrain loop treats the move of <see cref="ModelAliases.Champion"/> as the commit point of a promotion.
/// </para>
/// <para>
/// Alias names are case-sensitive, non-empty, and made of letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.
/// Implementations must be safe for concurrent use.
/// </para>
/// </remarks>
public interface IModelRegistry<TModel>
{
    /// <summary>Registers a new version; it gets the next version number and no alias.</summary>
    /// <param name="registration">The model, its training request, metrics, holdout result, decision, reference profile and tags.</param>
    /// <param name="cancellationToken">Cancels the registration; a cancelled registration leaves no version behind.</param>
    /// <returns>The new version's record.</returns>
    ValueTask<ModelVersion> RegisterAsync(ModelRegistration<TModel> registration, CancellationToken cancellationToken = default);

    /// <summary>Gets the record of one version.</summary>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/> when no such version exists.</returns>
    ValueTask<ModelVersion?> GetVersionAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>Gets the record of the version an alias points to.</summary>
    /// <param name="alias">The alias, for example <see cref="ModelAliases.Champion"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/> when the alias is not set.</returns>
    ValueTask<ModelVersion?> GetByAliasAsync(string alias, CancellationToken cancellationToken = default);

    /// <summary>Lists every version, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version records.</returns>
    ValueTask<IReadOnlyList<ModelVersion>> ListVersionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Loads the model of one version.</summary>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">No such version exists.</exception>
    ValueTask<TModel> LoadAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>Loads the model the alias points to.</summary>
    /// <param name="alias">The alias.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The model, or <see langword="default"/> when the alias is not set.</returns>
    async ValueTask<TModel?> LoadByAliasAsync(string alias, CancellationToken cancellationToken = default)
    {
        var version = await GetByAliasAsync(alias, cancellationToken).ConfigureAwait(false);
        return version is null ? default : await LoadAsync(version.Version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the reference drift profile registered with one version.</summary>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The profile, or <see langword="null"/> when the version was registered without one.</returns>
    /// <exception cref="ArgumentException">No such version exists.</exception>
    ValueTask<DatasetProfile?> LoadReferenceProfileAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/>, atomically, and appends the change to the alias history.</summary>
    /// <param name="alias">The alias to move or create.</param>
    /// <param name="version">The version it should point to.</param>
    /// <param name="reason">Why; kept in the history.</param>
    /// <param name="cancellationToken">Cancels the change before it is made; once made it is not undone.</param>
    /// <returns>The history entry of the change.</returns>
    /// <exception cref="ArgumentException">The alias name is invalid, the reason empty, or no such version exists.</exception>
    ValueTask<ModelAliasChange> SetAliasAsync(string alias, int version, string reason, CancellationToken cancellationToken = default);

    /// <summary>Gets the history of alias moves, oldest first.</summary>
    /// <param name="alias">Only this alias, or <see langword="null"/> for every alias.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The changes in the order they were made.</returns>
    ValueTask<IReadOnlyList<ModelAliasChange>> GetAliasHistoryAsync(string? alias = null, CancellationToken cancellationToken = default);

    /// <summary>Moves <paramref name="alias"/> back: to <paramref name="toVersion"/>, or to the version it pointed to before its latest move.</summary>
    /// <param name="alias">The alias, usually <see cref="ModelAliases.Champion"/>.</param>
    /// <param name="toVersion">The version to restore, or <see langword="null"/> for the previous one.</param>
    /// <param name="reason">Why; kept in the history.</param>
    /// <param name="cancellationToken">Cancels the rollback before it is made.</param>
    /// <returns>The history entry of the rollback (<see cref="ModelAliasChange.IsRollback"/> is <see langword="true"/>).</returns>
    /// <exception cref="ArgumentException">The named version does not exist.</exception>
    /// <exception cref="InvalidOperationException">The alias is not set, or has no previous version to return to.</exception>
    ValueTask<ModelAliasChange> RollbackAsync(string alias, int? toVersion, string reason, CancellationToken cancellationToken = default);

    /// <summary>Sets or removes a tag of one version.</summary>
    /// <param name="version">The version number.</param>
    /// <param name="key">The tag key (ordinal, not empty).</param>
    /// <param name="value">The value, or <see langword="null"/> to remove the tag.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The version's record with its new tags.</returns>
    /// <exception cref="ArgumentException">The key is empty or no such version exists.</exception>
    ValueTask<ModelVersion> SetTagAsync(int version, string key, string? value, CancellationToken cancellationToken = default);
}
