using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.ML;
using RetrainTriggers.Drift;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.MLNet.Tests;

// FileSystemModelRegistry as the core IModelRegistry<ITransformer>.
public sealed partial class FileSystemModelRegistryTests
{
    private static readonly DatasetProfile Profile = new([NumericFeatureProfile.Build("tenure", [0.5, 1.5, 2.5])], []);

    [Fact]
    public async Task IModelRegistry_Register_RecordsHoldoutDecisionTagsAndKeepsProfileInItsOwnFile()
    {
        IModelRegistry<ITransformer> registry = NewRegistry();
        var decision = PromotionPolicy.CreateBuilder().Metric("Accuracy", MetricDirection.HigherIsBetter).Superior("Accuracy").Build()
            .Decide(null, new ModelEvaluation(10, new Dictionary<string, double> { ["Accuracy"] = 0.9 }));
        var registration = new ModelRegistration<ITransformer>(new TrainedModel<ITransformer>(_model, 300, referenceProfile: Profile), Request("run-1"))
        {
            Holdout = new HoldoutMetrics(10, new Dictionary<string, double> { ["Accuracy"] = 0.9 }),
            Decision = decision,
            Tags = new Dictionary<string, string> { ["owner"] = "churn-team" },
        };

        var version = await registry.RegisterAsync(registration);

        version.Version.Should().Be(1);
        version.RunId.Should().Be("run-1");
        version.RegisteredAt.Should().Be(T0);
        version.HasReferenceProfile.Should().BeTrue();
        version.Holdout!.Metrics["Accuracy"].Should().Be(0.9);
        version.Decision!.Summary.Should().Be(decision.Summary);
        version.Tags.Should().Equal(new Dictionary<string, string> { ["owner"] = "churn-team" });
        var folder = Path.Combine(Root, "versions", "1");
        File.Exists(Path.Combine(folder, "reference-profile.json")).Should().BeTrue();
        (await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"))).Should().NotContain("tenure", "the profile is not inline in the manifest");
        (await registry.LoadReferenceProfileAsync(1))!.ToJson().Should().Be(Profile.ToJson());
        (await registry.LoadAsync(1)).Should().NotBeNull();
        (await registry.GetVersionAsync(2)).Should().BeNull();
    }

    [Fact]
    public async Task IModelRegistry_Aliases_MoveIndependentlyWithOneHistoryAndRollBack()
    {
        IModelRegistry<ITransformer> registry = NewRegistry();
        await RegisterVersions((FileSystemModelRegistry)registry, 3);

        await registry.SetAliasAsync(ModelAliases.Champion, 1, "first");
        await registry.SetAliasAsync("challenger", 2, "shadow traffic");
        await registry.SetAliasAsync(ModelAliases.Champion, 3, "promoted");
        var rollback = await registry.RollbackAsync(ModelAliases.Champion, null, "watch window degraded");

        rollback.Should().BeEquivalentTo(new { Sequence = 4L, Alias = "champion", Version = 1, PreviousVersion = (int?)3, IsRollback = true });
        (await registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(1);
        (await registry.GetByAliasAsync("challenger"))!.Version.Should().Be(2);
        (await registry.GetByAliasAsync("shadow")).Should().BeNull();
        (await registry.GetAliasHistoryAsync()).Select(c => (c.Sequence, c.Alias, c.Version)).Should().Equal(
            (1L, "champion", 1), (2L, "challenger", 2), (3L, "champion", 3), (4L, "champion", 1));
        (await registry.GetAliasHistoryAsync("challenger")).Should().ContainSingle();
        (await ((FileSystemModelRegistry)registry).GetChampionAsync())!.Version.Should().Be(1, "the champion alias is the one the ML.NET API reads");
        (await registry.RollbackAsync(ModelAliases.Champion, 2, "named")).Version.Should().Be(2);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public async Task IModelRegistry_InvalidAlias_Throws(string alias)
    {
        IModelRegistry<ITransformer> registry = NewRegistry();
        await RegisterVersions((FileSystemModelRegistry)registry, 1);

        var act = async () => await registry.SetAliasAsync(alias, 1, "bad");

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task IModelRegistry_SetTag_SetsAndRemovesAndSurvivesReopen()
    {
        IModelRegistry<ITransformer> registry = NewRegistry();
        await RegisterVersions((FileSystemModelRegistry)registry, 1);

        (await registry.SetTagAsync(1, "stage", "canary")).Tags.Should().Equal(new Dictionary<string, string> { ["stage"] = "canary" });
        await registry.SetTagAsync(1, "owner", "me");
        (await registry.SetTagAsync(1, "stage", null)).Tags.Should().Equal(new Dictionary<string, string> { ["owner"] = "me" });

        IModelRegistry<ITransformer> reopened = NewRegistry();
        (await reopened.GetVersionAsync(1))!.Tags.Should().Equal(new Dictionary<string, string> { ["owner"] = "me" });
        var missing = async () => await reopened.SetTagAsync(9, "k", "v");
        await missing.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task IModelRegistry_RegistryWrittenInEarlierFormat_IsReadAndExtended()
    {
        // A registry folder exactly as the previous release wrote it: profile inline in the manifest, champion alias with its stack.
        Directory.CreateDirectory(Root);
        await File.WriteAllTextAsync(Path.Combine(Root, ".retrain-triggers-registry"), "{\"format\":\"RetrainTriggers.FileSystemModelRegistry\",\"formatVersion\":1}");
        byte[] modelBytes;
        using (var buffer = new MemoryStream())
        {
            _mlContext.Model.Save(_model, _data.Schema, buffer);
            modelBytes = buffer.ToArray();
        }

        var sha = Convert.ToHexString(SHA256.HashData(modelBytes)).ToLowerInvariant();
        for (var v = 1; v <= 2; v++)
        {
            var folder = Path.Combine(Root, "versions", v.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, "model.zip"), modelBytes);
            var manifest = new JsonObject
            {
                ["formatVersion"] = 1,
                ["version"] = v,
                ["createdAt"] = "2026-11-20T09:00:00+00:00",
                ["pipelineName"] = "churn",
                ["runId"] = "old-" + v,
                ["reason"] = "scheduled retrain",
                ["trainingRowCount"] = 300,
                ["metrics"] = new JsonObject { ["Accuracy"] = 0.8 + (v / 100.0) },
                ["modelFile"] = "model.zip",
                ["modelSha256"] = sha,
            };
            if (v == 1)
            {
                manifest["referenceProfile"] = JsonNode.Parse(Profile.ToJson());
            }

            await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), manifest.ToJsonString());
        }

        const string Change1 = "{\"sequence\":1,\"kind\":\"Promote\",\"version\":1,\"reason\":\"v1\",\"actor\":\"old\",\"changedAt\":\"2026-11-20T10:00:00+00:00\"}";
        const string Change2 = "{\"sequence\":2,\"kind\":\"Promote\",\"version\":2,\"previousVersion\":1,\"reason\":\"v2\",\"actor\":\"old\",\"changedAt\":\"2026-11-21T10:00:00+00:00\"}";
        await File.WriteAllTextAsync(Path.Combine(Root, "champion-history.jsonl"), Change1 + "\n" + Change2 + "\n");
        await File.WriteAllTextAsync(Path.Combine(Root, "champion"), "{\"formatVersion\":1,\"version\":2,\"previousVersions\":[1],\"change\":" + Change2 + "}");

        var fileRegistry = NewRegistry();
        IModelRegistry<ITransformer> registry = fileRegistry;

        (await registry.ListVersionsAsync()).Select(v => (v.Version, v.RunId, v.HasReferenceProfile)).Should().Equal((1, "old-1", true), (2, "old-2", false));
        (await registry.LoadReferenceProfileAsync(1))!.ToJson().Should().Be(Profile.ToJson());
        (await registry.LoadReferenceProfileAsync(2)).Should().BeNull();
        (await registry.GetByAliasAsync(ModelAliases.Champion))!.Version.Should().Be(2);
        (await registry.GetAliasHistoryAsync()).Select(c => (c.Alias, c.Version, c.PreviousVersion)).Should().Equal(("champion", 1, (int?)null), ("champion", 2, (int?)1));
        (await fileRegistry.GetVersionAsync(1)).HasReferenceProfile.Should().BeTrue();

        (await registry.RollbackAsync(ModelAliases.Champion, null, "back")).Version.Should().Be(1);
        await registry.SetAliasAsync("shadow", 2, "shadow");
        var third = await fileRegistry.RegisterAsync(new TrainedModel<ITransformer>(_model, 300, referenceProfile: Profile), Request("new-3"), _data.Schema);

        third.Version.Should().Be(3);
        (await registry.GetAliasHistoryAsync()).Select(c => c.Sequence).Should().Equal(1L, 2L, 3L, 4L);
        (await fileRegistry.GetChampionAsync())!.Version.Should().Be(1);
        (await fileRegistry.LoadChampionAsync())!.Model.Should().NotBeNull();
    }
}
