using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RetrainTriggers.Tests.Docs;

/// <summary>The README's snippets, run; <see cref="DocSnippetsTests"/> checks the README quotes them verbatim.</summary>
[Collection(ConsoleOutputCollection.Name)]
public sealed class ReadmeSnippets
{
    [Fact]
    public async Task QuickStart_AccuracyFineVolumeGrew_FiresAndExplainsWhy()
    {
        TriggerResult result;
        string printed;
        using (var console = DocSnippets.CaptureConsole())
        {
            result = await QuickStartAsync();
            printed = console.Text;
        }

        result.Fired.Should().BeTrue();
        result.Children.Select(c => c.Outcome).Should().Equal(TriggerOutcome.NotFired, TriggerOutcome.Fired);
        printed.Should().StartWith("Retrain: True").And.Contain("accuracy").And.Contain("25%").And.Contain(result.Explain());
        DocSnippets.AssertOutput("readme-quick-start", printed);
    }

    [Fact]
    public async Task Readme_AppSettingsExample_BindsAndFiresThroughDependencyInjection()
    {
        var readme = File.ReadAllText(Path.Combine(DocSnippets.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var json = Regex.Match(readme, "```json\n(?<json>.*?)```", RegexOptions.Singleline).Groups["json"].Value;
        json.Should().Contain("\"RetrainTriggers\"");
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        configuration["RetrainTriggers:StateFilePath"].Should().NotBeNullOrEmpty();
        var directory = Path.Combine(Path.GetTempPath(), "rt-readme-" + Guid.NewGuid().ToString("N"));
        configuration["RetrainTriggers:StateFilePath"] = Path.Combine(directory, "state.json");
        var services = new ServiceCollection();

        // <readme-dependency-injection>
        services.AddRetrainTriggers(configuration.GetSection("RetrainTriggers"));
        // </readme-dependency-injection>

        try
        {
            await using var provider = services.BuildServiceProvider();
            provider.GetRequiredService<IStartupValidator>().Validate();
            var signals = provider.GetRequiredService<InMemorySignals>();
            signals.RecordRetrain(DateTimeOffset.UnixEpoch, trainingRowCount: 50_000);
            signals.Record("accuracy", 0.82);

            var result = await provider.GetRequiredService<ITriggerEvaluator>().EvaluateAsync();

            result.Name.Should().Be("retrain");
            result.Fired.Should().BeTrue();
            result.Children.Select(c => c.Kind).Should().Equal("Threshold", "Volume", "Sustained", "Schedule");
            result.Children[0].Outcome.Should().Be(TriggerOutcome.Fired);
            File.Exists(Path.Combine(directory, "state.json")).Should().BeTrue("the sustained and schedule nodes keep state in the configured file");
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<TriggerResult> QuickStartAsync()
    {
        // <readme-quick-start>
        // Retrain when accuracy drops below 0.85 OR the labeled data grew by at least 20% since the last retrain.
        var trigger = Trigger.Below("accuracy", 0.85) | Trigger.Volume(minGrowth: 0.20);

        // The host pushes its signals in (or implements IMetricSource, IDataVolumeSource... over its own stores).
        var signals = new InMemorySignals();
        signals.RecordRetrain(completedAt: DateTimeOffset.UnixEpoch, trainingRowCount: 50_000);
        signals.AddLabeledRows(12_500);
        signals.Record("accuracy", 0.91);

        var result = await trigger.EvaluateAsync(signals, new InMemoryTriggerStateStore(), TimeProvider.System);

        Console.WriteLine($"Retrain: {result.Fired}");
        Console.WriteLine(result.Explain());
        // </readme-quick-start>
        return result;
    }
}
