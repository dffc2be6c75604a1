using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RetrainTriggers.Tests.DependencyInjection;

public class RetrainTriggersOptionsValidatorTests
{
    private static IConfigurationSection Section(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection("RetrainTriggers");

    private static IReadOnlyList<string> Validate(RetrainTriggersOptions options)
    {
        using var provider = new ServiceCollection().BuildServiceProvider();
        var result = new RetrainTriggersOptionsValidator(provider).Validate(Options.DefaultName, options);
        return result.Failed ? result.Failures.ToList() : [];
    }

    [Fact]
    public void Validate_TriggerInCode_Succeeds()
    {
        Validate(new RetrainTriggersOptions().UseTrigger(Trigger.Below("accuracy", 0.85))).Should().BeEmpty();
    }

    [Fact]
    public void Validate_NoTriggerSource_FailsNamingOption()
    {
        Validate(new RetrainTriggersOptions()).Should().ContainSingle().Which.Should().StartWith("RetrainTriggers:Triggers is not configured");
    }

    [Fact]
    public void Validate_BothTriggerSources_Fails()
    {
        var options = new RetrainTriggersOptions { TriggerConfiguration = Section("""{"RetrainTriggers":{"Triggers":{"Volume":{"MinNewRows":1}}}}""").GetSection("Triggers") };
        options.UseTrigger(Trigger.Below("accuracy", 0.85));

        Validate(options).Should().ContainSingle().Which.Should().Contain("set exactly one");
    }

    [Fact]
    public void Validate_FactoryThrowsArgumentException_FailsWithItsMessage()
    {
        var options = new RetrainTriggersOptions
        {
            TriggerFactory = _ => Trigger.Any(Trigger.Below("accuracy", 0.85), Trigger.Below("accuracy", 0.85)),
        };

        Validate(options).Should().ContainSingle().Which.Should().StartWith("RetrainTriggers:TriggerFactory failed to build the trigger tree: ");
    }

    [Fact]
    public void Validate_FactoryBuildsCustomTreeWithDuplicateNames_Fails()
    {
        var duplicate = new NamedTrigger("same", new NamedTrigger("same"));

        Validate(new RetrainTriggersOptions().UseTrigger(duplicate)).Should().ContainSingle()
            .Which.Should().StartWith("RetrainTriggers:TriggerFactory failed to build the trigger tree: ").And.Contain("same");
    }

    [Fact]
    public void Validate_FactoryReturnsNull_Fails()
    {
        Validate(new RetrainTriggersOptions { TriggerFactory = _ => null! }).Should().ContainSingle().Which.Should().Contain("returned null");
    }

    [Fact]
    public void Validate_UnknownKeyAndBadStateFilePath_FailsNamingSectionPaths()
    {
        var directory = Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar);
        var section = Section("""
            {"RetrainTriggers":{"StateFile":"x.json","StateFilePath":"%0%","Triggers":{"Volume":{"MinNewRows":1}}}}
            """.Replace("%0%", directory.Replace("\\", "\\\\", StringComparison.Ordinal), StringComparison.Ordinal));
        var services = new ServiceCollection().AddRetrainTriggers(section).Services;
        using var provider = services.BuildServiceProvider();

        var failures = provider.GetRequiredService<IOptionsMonitor<RetrainTriggersOptions>>()
            .Invoking(m => m.CurrentValue).Should().Throw<OptionsValidationException>().Which.Failures;

        failures.Should().BeEquivalentTo(
            "RetrainTriggers:StateFile is not a known setting; expected one of StateFilePath, Triggers",
            $"RetrainTriggers:StateFilePath '{directory}' names a directory; give a file path");
    }

    [Fact]
    public void Validate_StateFilePathGivenAsASection_FailsNamingItInsteadOfKeepingStateInMemory()
    {
        var section = Section("""
            {"RetrainTriggers":{"StateFilePath":{"Path":"state.json"},"Triggers":{"Volume":{"MinNewRows":1}}}}
            """);
        var services = new ServiceCollection().AddRetrainTriggers(section).Services;
        using var provider = services.BuildServiceProvider();

        var failures = provider.GetRequiredService<IOptionsMonitor<RetrainTriggersOptions>>()
            .Invoking(m => m.CurrentValue).Should().Throw<OptionsValidationException>().Which.Failures;

        failures.Should().Equal("RetrainTriggers:StateFilePath must be a value, not a section");
    }

    [Fact]
    public void Validate_BlankStateFilePath_Fails()
    {
        var options = new RetrainTriggersOptions { StateFilePath = " " }.UseTrigger(Trigger.Below("accuracy", 0.85));

        Validate(options).Should().Equal("RetrainTriggers:StateFilePath must not be empty; remove it to keep state in memory");
    }

    [Fact]
    public void UseTrigger_Null_Throws()
    {
        FluentActions.Invoking(() => new RetrainTriggersOptions().UseTrigger(null!)).Should().Throw<ArgumentNullException>().WithParameterName("trigger");
    }

    private sealed class NamedTrigger(string name, params ITrigger[] children) : ITrigger
    {
        public string Name => name;

        public string Kind => "Custom";

        public IReadOnlyList<ITrigger> Children => children;

        public ValueTask<TriggerResult> EvaluateAsync(TriggerContext context, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("never evaluated in these tests");
    }
}
