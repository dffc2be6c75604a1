namespace RetrainTriggers.Tests.Triggers;

public sealed class InMemorySignalsTests
{
    private readonly InMemorySignals signals = new();

    [Fact]
    public async Task Record_ThenGet_ReturnsLatestValue()
    {
        signals.Record("accuracy", 0.8);
        signals.Record("accuracy", 0.82);

        (await ((IMetricSource)signals).GetMetricAsync("accuracy"))!.Value.Value.Should().Be(0.82);
        (await ((IMetricSource)signals).GetMetricAsync("Accuracy")).Should().BeNull("metric names are case-sensitive");
    }

    [Fact]
    public async Task RecordRetrain_ResetsRowsAndCopiesBaselines()
    {
        var baselines = new Dictionary<string, double> { ["accuracy"] = 0.9 };
        signals.AddLabeledRows(500);

        signals.RecordRetrain(TriggerHarness.Start, 10_000, baselines);
        baselines["accuracy"] = 0.1;

        (await ((IDataVolumeSource)signals).GetNewLabeledRowCountAsync()).Should().Be(0);
        var last = await ((IRetrainHistorySource)signals).GetLastRetrainAsync();
        last!.TrainingRowCount.Should().Be(10_000);
        last.BaselineMetrics["accuracy"].Should().Be(0.9);
        last.CompletedAt.Should().Be(TriggerHarness.Start);
    }

    [Fact]
    public async Task RecordDrift_DatasetAndFeature_AreSeparate()
    {
        signals.RecordDrift(new DriftSignal { Score = 0.1 });
        signals.RecordDrift("age", new DriftSignal { Score = 0.4 });

        (await ((IDriftSignalSource)signals).GetDriftAsync(null))!.Score.Should().Be(0.1);
        (await ((IDriftSignalSource)signals).GetDriftAsync("age"))!.Score.Should().Be(0.4);
        (await ((IDriftSignalSource)signals).GetDriftAsync("income")).Should().BeNull();
    }

    [Fact]
    public async Task AddLabeledRows_Concurrently_CountsEveryRow()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                signals.AddLabeledRows(1);
            }
        })));

        signals.NewLabeledRowCount.Should().Be(8000);
    }

    [Fact]
    public void Guards_RejectBadInput()
    {
        ((Action)(() => signals.Record(" ", 1))).Should().Throw<ArgumentException>().WithParameterName("metric");
        ((Action)(() => signals.AddLabeledRows(-1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("count");
        ((Action)(() => signals.RecordRetrain(TriggerHarness.Start, -1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("trainingRowCount");
        ((Action)(() => signals.RecordDrift(null!))).Should().Throw<ArgumentNullException>().WithParameterName("signal");
        ((Action)(() => signals.RecordDrift("", new DriftSignal()))).Should().Throw<ArgumentException>().WithParameterName("feature");
    }

    [Fact]
    public async Task Record_WithoutTimestamp_StampsWithTheConstructorsClock()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TriggerHarness.Start);
        var stamped = new InMemorySignals(time);
        time.Advance(TimeSpan.FromMinutes(5));

        stamped.Record("accuracy", 0.8);

        (await ((IMetricSource)stamped).GetMetricAsync("accuracy")).Should().Be(new MetricSample(0.8, TriggerHarness.Start.AddMinutes(5)));
    }

    [Fact]
    public async Task Record_WithTimestamp_KeepsTheGivenTimestamp()
    {
        var measured = TriggerHarness.Start.AddDays(-2);

        signals.Record("accuracy", 0.8, measured);

        var sample = await ((IMetricSource)signals).GetMetricAsync("accuracy");
        sample!.Value.Timestamp.Should().Be(measured);
        sample.Value.Value.Should().Be(0.8);
    }
}
