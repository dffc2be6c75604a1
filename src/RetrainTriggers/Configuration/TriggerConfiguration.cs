using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RetrainTriggers.Configuration;

/// <summary>Builds a trigger tree from configuration (appsettings.json, environment variables…) without reflection, so it works under trimming and native AOT.</summary>
/// <remarks>
/// <para>
/// A node is an object with exactly one kind key and an optional <c>Name</c>:
/// <c>{"Any":[{"Threshold":{"Metric":"accuracy","Below":0.85}},{"Volume":{"MinGrowth":0.2}}]}</c>.
/// Leaf kinds (<c>Threshold</c>, <c>Hysteresis</c>, <c>Schedule</c>, <c>Volume</c>, <c>Drift</c>) take the settings of their
/// options class (<see cref="ThresholdOptions"/>…); <c>Any</c> and <c>All</c> take a list of nodes, <c>Not</c> one node,
/// <c>AtLeast</c> <c>{"Count":2,"Of":[…]}</c>, and the modifiers <c>Sustained</c> and <c>Cooldown</c> their settings plus the
/// wrapped node under <c>Trigger</c>.
/// </para>
/// <para>
/// Numbers are read with the invariant culture (<c>0.85</c>), durations in the invariant constant format
/// (<c>3.00:00:00</c> is three days), enum values by name, with the same parser and wording as pipeline and promotion
/// configuration. Every problem in the tree is collected and reported at once
/// (the first ten, then a count), each naming the configuration path of the bad setting, e.g.
/// <c>Triggers:Any:1:Volume:MinNewRows must be &gt; 0</c>. Trees nested deeper than 256 levels are rejected before they are read.
/// </para>
/// </remarks>
public static class TriggerConfiguration
{
    /// <summary>Builds the trigger tree described by <paramref name="section"/>.</summary>
    /// <param name="section">The section holding the root node, e.g. <c>configuration.GetSection("Triggers")</c>.</param>
    /// <returns>The root trigger.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="section"/> is <see langword="null"/>.</exception>
    /// <exception cref="OptionsValidationException">
    /// The tree is missing or invalid; <see cref="OptionsValidationException.Failures"/> lists every problem with the path of its node.
    /// </exception>
    public static ITrigger Build(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (TryBuild(section, out var trigger, out var failures))
        {
            return trigger;
        }

        throw new OptionsValidationException(section.Path, typeof(ITrigger), failures);
    }

    /// <summary>Builds the tree, or returns every problem found in it.</summary>
    internal static bool TryBuild(IConfigurationSection section, [NotNullWhen(true)] out ITrigger? trigger, out IReadOnlyList<string> failures)
    {
        var reader = new TriggerConfigurationReader();
        trigger = reader.ReadRoot(section);
        failures = Shorten(reader.Errors);
        if (failures.Count > 0)
        {
            trigger = null;
            return false;
        }

        return trigger is not null;
    }

    /// <summary>Keeps the first <see cref="MaxReportedErrors"/> errors and counts the rest, so one message stays readable.</summary>
    internal static IReadOnlyList<string> Shorten(IReadOnlyList<string> errors) =>
        errors.Count <= MaxReportedErrors
            ? errors
            : [.. errors.Take(MaxReportedErrors), $"and {(errors.Count - MaxReportedErrors).ToString(System.Globalization.CultureInfo.InvariantCulture)} more problems"];

    /// <summary>How many problems one failure lists before "and N more problems".</summary>
    internal const int MaxReportedErrors = 10;
}
