using System.Text.Json;

namespace RetrainTriggers.Tests.Triggers;

public sealed class TriggerResultTests
{
    private readonly TriggerHarness h = new();

    [Fact]
    public async Task ToJson_TreeResult_RoundTripsWithEnumsAsStrings()
    {
        h.Signals.Record("accuracy", 0.8);
        h.Signals.AddLabeledRows(5);
        var result = await h.EvaluateAsync(Trigger.Below("accuracy", 0.85) | Trigger.Volume(minNewRows: 10));

        var json = result.ToJson();
        var back = TriggerResult.FromJson(json);

        json.Should().Contain("\"outcome\":\"Fired\"").And.Contain("\"outcome\":\"NotFired\"").And.NotContain("\"fired\"");
        back.Should().BeEquivalentTo(result);
        back.ToJson().Should().Be(json);
        back.Children[0].Path.Should().Be("any(threshold:accuracy,volume)/threshold:accuracy");
    }

    [Fact]
    public void ToJson_SourceGeneratedContext_IsUsableDirectly()
    {
        var result = new TriggerResult
        {
            Name = "x",
            Kind = "Predicate",
            Outcome = TriggerOutcome.InsufficientData,
            EvaluatedAt = TriggerHarness.Start,
        };

        var json = JsonSerializer.Serialize(result, TriggerJsonContext.Default.TriggerResult);

        json.Should().Be("""{"name":"x","kind":"Predicate","outcome":"InsufficientData","path":"","reason":"","evaluatedAt":"2026-01-01T00:00:00+00:00","children":[]}""");
        JsonSerializer.Deserialize(json, TriggerJsonContext.Default.TriggerResult).Should().BeEquivalentTo(result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("""{"name":"x"}""")]
    public void FromJson_Invalid_ThrowsArgumentException(string json)
    {
        var act = () => TriggerResult.FromJson(json);

        act.Should().Throw<ArgumentException>().WithParameterName("json");
    }

    [Fact]
    public void FromJson_OverTheGivenLimit_RefusedNamingTheLimitWhileTheSameDocumentReadsUnderTheDefault()
    {
        var json = new TriggerResult { Name = "accuracy", Kind = "Threshold", Outcome = TriggerOutcome.Fired, Reason = new string('x', 200) }.ToJson();

        var act = () => TriggerResult.FromJson(json, maxDocumentBytes: 100);

        act.Should().Throw<InvalidDataException>().WithMessage($"The trigger result document is {json.Length} bytes, larger than the limit of 100 bytes (maxDocumentBytes); raise the limit only for documents you trust.");
        TriggerResult.FromJson(json).Reason.Should().HaveLength(200);
        TriggerResult.DefaultMaxDocumentBytes.Should().Be(64L * 1024 * 1024, "the documented default");
        FluentActions.Invoking(() => TriggerResult.FromJson(json, maxDocumentBytes: 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxDocumentBytes");
    }

    [Fact]
    public async Task Explain_Tree_IndentsChildrenUnderParents()
    {
        h.Signals.Record("accuracy", 0.8);
        h.Signals.AddLabeledRows(5);
        var result = await h.EvaluateAsync(Trigger.Below("accuracy", 0.85) | Trigger.Volume(minNewRows: 10));

        result.Explain().Should().Be(
            """
            [Fired] any(threshold:accuracy,volume) (Any): any of 2: accuracy 0.8 < 0.85
              [Fired] threshold:accuracy (Threshold): accuracy 0.8 < 0.85 [cause breach@2026-01-01T00:00:00Z]
              [NotFired] volume (Volume): new rows 5 < 10
            """.ReplaceLineEndings("\n"));
        result.ToString().Should().Be("[Fired] any(threshold:accuracy,volume) (Any): any of 2: accuracy 0.8 < 0.85 [cause any(threshold:accuracy,volume)/threshold:accuracy=breach@2026-01-01T00:00:00Z]");
        result.Fired.Should().BeTrue();
        result.EvaluatedAt.Should().Be(TriggerHarness.Start);
    }

    [Fact]
    public async Task ToJson_Cause_RoundTripsAndIsOmittedWhenNull()
    {
        h.Signals.Record("accuracy", 0.8);
        h.Signals.AddLabeledRows(5);
        var result = await h.EvaluateAsync(Trigger.Below("accuracy", 0.85) | Trigger.Volume(minNewRows: 10));

        var json = result.ToJson();
        var back = TriggerResult.FromJson(json);

        json.Should().Contain("\"cause\":\"breach@2026-01-01T00:00:00Z\"");
        back.Cause.Should().Be(result.Cause).And.Be("any(threshold:accuracy,volume)/threshold:accuracy=breach@2026-01-01T00:00:00Z");
        back.Children[1].Cause.Should().BeNull();
        JsonDocument.Parse(json).RootElement.GetProperty("children")[1].TryGetProperty("cause", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Explain_FiredLeafWithCause_ShowsTheCause()
    {
        h.Signals.Record("accuracy", 0.8);
        h.Signals.AddLabeledRows(5);
        var result = await h.EvaluateAsync(Trigger.Below("accuracy", 0.85) | Trigger.Volume(minNewRows: 10));

        result.Explain().Split('\n')[1].Should().Be("  [Fired] threshold:accuracy (Threshold): accuracy 0.8 < 0.85 [cause breach@2026-01-01T00:00:00Z]");
        result.Explain().Split('\n')[2].Should().Be("  [NotFired] volume (Volume): new rows 5 < 10");
    }
}
