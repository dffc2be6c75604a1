using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RetrainTriggers;
using RetrainTriggers.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RetrainTriggers in a service collection: the trigger tree, its evaluator, the clock, the state store and default signal sources.</summary>
/// <remarks>
/// Every registration uses <c>TryAdd</c>, so calling these methods again, or registering your own
/// <see cref="TimeProvider"/>, <see cref="ITriggerStateStore"/>, <see cref="IMetricSource"/>, <see cref="IDataVolumeSource"/>,
/// <see cref="IRetrainHistorySource"/> or <see cref="IDriftSignalSource"/> first, keeps yours. Without host sources an
/// <see cref="InMemorySignals"/> singleton serves all four; record signals into it. The options are validated when the host
/// starts (<c>ValidateOnStart</c>), so a broken tree fails the start, not the first evaluation.
/// </remarks>
public static class RetrainTriggersServiceCollectionExtensions
{
    /// <summary>
    /// Registers RetrainTriggers' shared services; add pipelines with <c>AddPipeline</c>. The single trigger tree registered
    /// here reads <see cref="RetrainTriggersOptions"/> configured elsewhere (e.g. <c>services.Configure</c>) and is validated
    /// when first resolved; the overloads that take the options also validate it when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for further registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static RetrainTriggersBuilder AddRetrainTriggers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RetrainTriggersOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetrainTriggersOptions>, RetrainTriggersOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITriggerStateStore>(CreateStateStore);

        services.TryAddSingleton<InMemorySignals>();
        services.TryAddSingleton<IMetricSource>(sp => sp.GetRequiredService<InMemorySignals>());
        services.TryAddSingleton<IDataVolumeSource>(sp => sp.GetRequiredService<InMemorySignals>());
        services.TryAddSingleton<IRetrainHistorySource>(sp => sp.GetRequiredService<InMemorySignals>());
        services.TryAddSingleton<IDriftSignalSource>(sp => sp.GetRequiredService<InMemorySignals>());

        services.TryAddSingleton<ITrigger>(CreateRoot);
        services.TryAddSingleton<ITriggerEvaluator>(sp => new ServiceTriggerEvaluator(
            sp.GetRequiredService<ITrigger>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ITriggerStateStore>(),
            sp));
        return new RetrainTriggersBuilder(services);
    }

    /// <summary>Registers RetrainTriggers with options set in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, e.g. <c>o =&gt; o.UseTrigger(Trigger.Below("accuracy", 0.85))</c>.</param>
    /// <returns>A builder for further registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static RetrainTriggersBuilder AddRetrainTriggers(this IServiceCollection services, Action<RetrainTriggersOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddRetrainTriggers();
        services.AddOptions<RetrainTriggersOptions>().ValidateOnStart();
        services.Configure(configure);
        return builder;
    }

    /// <summary>Registers RetrainTriggers with options read from a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">
    /// The section, e.g. <c>configuration.GetSection("RetrainTriggers")</c>, holding <c>Triggers</c> (the tree, see
    /// <see cref="TriggerConfiguration"/>) and optionally <c>StateFilePath</c>. Unknown keys fail validation.
    /// </param>
    /// <returns>A builder for further registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="section"/> is <see langword="null"/>.</exception>
    public static RetrainTriggersBuilder AddRetrainTriggers(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var builder = services.AddRetrainTriggers();
        services.AddOptions<RetrainTriggersOptions>().ValidateOnStart();
        services.Configure<RetrainTriggersOptions>(options =>
        {
            // Read by hand rather than with the reflection-based binder, so the library stays trimming- and AOT-safe.
            options.SourceSection = section;
            var triggers = section.GetSection("Triggers");
            if (triggers.Exists())
            {
                options.TriggerConfiguration = triggers;
            }

            var path = section["StateFilePath"];
            if (path is not null)
            {
                options.StateFilePath = path;
            }
        });
        return builder;
    }

    // Both read the options through the monitor, whose instance is the one ValidateOnStart validated (and built the
    // tree for): resolving IOptions<T> as well would create and validate a second instance.
    private static RetrainTriggersOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<RetrainTriggersOptions>>().Get(Microsoft.Extensions.Options.Options.DefaultName);

    private static ITriggerStateStore CreateStateStore(IServiceProvider services)
    {
        var options = Options(services);
        return string.IsNullOrWhiteSpace(options.StateFilePath)
            ? new InMemoryTriggerStateStore()
            : new FileTriggerStateStore(options.StateFilePath);
    }

    private static ITrigger CreateRoot(IServiceProvider services)
    {
        // Reading the options validates them (when ValidateOnStart has not already), and validation builds the tree.
        var options = Options(services);
        return options.ValidatedRoot
               ?? throw new InvalidOperationException("RetrainTriggersOptions were not validated, so no trigger tree was built.");
    }
}
