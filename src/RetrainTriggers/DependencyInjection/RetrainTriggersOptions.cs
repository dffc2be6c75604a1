using Microsoft.Extensions.Configuration;

namespace RetrainTriggers;

/// <summary>Settings of the services registered by <c>AddRetrainTriggers</c>: which trigger tree to evaluate and where its state lives.</summary>
/// <remarks>
/// Set exactly one trigger source: <see cref="TriggerConfiguration"/> (a configuration section holding the tree) or
/// <see cref="TriggerFactory"/> (code that builds it). The options are validated when the host starts; every message
/// names the option path.
/// </remarks>
public sealed class RetrainTriggersOptions
{
    /// <summary>Gets or sets the configuration section holding the trigger tree (see <see cref="Configuration.TriggerConfiguration"/>).</summary>
    /// <value>E.g. <c>configuration.GetSection("RetrainTriggers:Triggers")</c>; <see langword="null"/> when <see cref="TriggerFactory"/> builds the tree.</value>
    public IConfigurationSection? TriggerConfiguration { get; set; }

    /// <summary>Gets or sets the code that builds the trigger tree, given the host's services.</summary>
    /// <value><see langword="null"/> when <see cref="TriggerConfiguration"/> describes the tree.</value>
    public Func<IServiceProvider, ITrigger>? TriggerFactory { get; set; }

    /// <summary>Gets or sets the path of the JSON file that keeps trigger state across restarts.</summary>
    /// <value>
    /// A file path; when set, a <see cref="FileTriggerStateStore"/> is registered, otherwise an
    /// <see cref="InMemoryTriggerStateStore"/> (state is lost on restart). Ignored when the host registers its own
    /// <see cref="ITriggerStateStore"/>.
    /// </value>
    public string? StateFilePath { get; set; }

    /// <summary>Gets or sets the section these options were read from, to report unknown keys and name paths in messages.</summary>
    internal IConfigurationSection? SourceSection { get; set; }

    /// <summary>Gets or sets the tree the validator built and checked; it is the tree that is served, so a tree is built once.</summary>
    internal ITrigger? ValidatedRoot { get; set; }

    /// <summary>Uses <paramref name="trigger"/> as the trigger tree.</summary>
    /// <param name="trigger">The root trigger, e.g. <c>Trigger.Below("accuracy", 0.85) | Trigger.Volume(minGrowth: 0.2)</c>.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trigger"/> is <see langword="null"/>.</exception>
    public RetrainTriggersOptions UseTrigger(ITrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        TriggerFactory = _ => trigger;
        return this;
    }
}
