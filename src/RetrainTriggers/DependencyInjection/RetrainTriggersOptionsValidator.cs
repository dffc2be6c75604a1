using Microsoft.Extensions.Options;
using RetrainTriggers.Configuration;

namespace RetrainTriggers;

/// <summary>Validates <see cref="RetrainTriggersOptions"/> on start: one trigger source, a buildable tree, a usable state file path.</summary>
/// <remarks>The tree is built here, once per options instance, and kept on the instance so the validated tree is the served one.</remarks>
internal sealed class RetrainTriggersOptionsValidator : IValidateOptions<RetrainTriggersOptions>
{
    /// <summary>The keys a <c>RetrainTriggers</c> configuration section may hold.</summary>
    internal static readonly string[] SectionKeys = ["StateFilePath", "Triggers"];

    private readonly IServiceProvider _services;

    public RetrainTriggersOptionsValidator(IServiceProvider services) => _services = services;

    public ValidateOptionsResult Validate(string? name, RetrainTriggersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = options.SourceSection?.Path ?? "RetrainTriggers";
        var failures = new List<string>();

        if (options.SourceSection is { } section)
        {
            var values = new SettingReader(failures);
            values.CheckKeys(section, SectionKeys);

            // A StateFilePath given as an object reads as absent; the library's value parser reports it.
            _ = values.Text(section, "StateFilePath");
        }

        if (options.TriggerConfiguration is not null && options.TriggerFactory is not null)
        {
            failures.Add($"{prefix}: both a Triggers configuration section and a TriggerFactory are set; set exactly one");
        }
        else if (options.TriggerConfiguration is { } triggers)
        {
            if (TriggerConfiguration.TryBuild(triggers, out var root, out var treeFailures))
            {
                options.ValidatedRoot = root;
            }
            else
            {
                failures.AddRange(treeFailures);
            }
        }
        else if (options.TriggerFactory is { } factory)
        {
            try
            {
                if (factory(_services) is not { } root)
                {
                    failures.Add($"{prefix}:TriggerFactory returned null; it must build the root trigger");
                }
                else
                {
                    // Custom ITrigger nodes skip the factory's checks: names must still be valid and unique in the tree.
                    TriggerTree.Validate(root, "root");
                    options.ValidatedRoot = root;
                }
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{prefix}:TriggerFactory failed to build the trigger tree: {ex.Message}");
            }
        }
        else
        {
            failures.Add($"{prefix}:Triggers is not configured; describe the trigger tree in configuration " +
                         "(e.g. {\"Threshold\":{\"Metric\":\"accuracy\",\"Below\":0.85}}) or call options.UseTrigger(...)");
        }

        if (options.StateFilePath is { } path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                failures.Add($"{prefix}:StateFilePath must not be empty; remove it to keep state in memory");
            }
            else if (!FileTriggerStateStore.TryGetFullPath(path, out _, out var problem))
            {
                failures.Add($"{prefix}:StateFilePath '{path}' {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
