using Microsoft.Extensions.Diagnostics.HealthChecks;
using RetrainTriggers.Hosting;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Tests.Orchestration;

namespace RetrainTriggers.Tests.Hosting;

public sealed class RetrainPipelineHealthCheckTests
{
    [Fact]
    public async Task CheckHealth_ChampionAndRecentEvaluation_IsHealthyThenDegradesWhenStale()
    {
        await using var fixture = new MonitoringFixture(n => n == 1, new ScriptedTrainer().ThenReturn(0.9));
        await fixture.Pipeline.RunOnceAsync();

        var healthy = await CheckAsync(fixture.Services);
        fixture.Time.Advance(MonitoringFixture.Interval * 3 + TimeSpan.FromSeconds(1));
        var stale = await CheckAsync(fixture.Services);

        healthy.Status.Should().Be(HealthStatus.Healthy, healthy.Description);
        healthy.Data["championVersion"].Should().Be(1);
        healthy.Data["lastRunState"].Should().Be(nameof(RetrainRunState.Promoted));
        stale.Status.Should().Be(HealthStatus.Degraded);
        stale.Description.Should().Contain("last evaluated 00:30:01 ago, more than 3 intervals of 00:10:00");
    }

    [Fact]
    public async Task CheckHealth_NoEvaluationNoChampion_IsDegradedWithEveryReason()
    {
        await using var fixture = new MonitoringFixture(_ => false);

        var result = await CheckAsync(fixture.Services);

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().Be("Pipeline churn: not evaluated yet; no champion is registered");
    }

    [Fact]
    public async Task CheckHealth_FailedRun_IsDegradedNamingTheRun()
    {
        await using var fixture = new MonitoringFixture(n => n == 1, new ScriptedTrainer().ThenThrow(new IOException("disk full")));
        var pipelineRun = (await fixture.Pipeline.RunOnceAsync()).Run!;

        var result = await CheckAsync(fixture.Services);

        pipelineRun.State.Should().Be(RetrainRunState.Failed);
        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().Contain($"the last run {pipelineRun.RunId} ended Failed");
    }

    [Fact]
    public async Task CheckHealth_InvalidPipeline_IsUnhealthy()
    {
        await using var fixture = new MonitoringFixture(_ => false, withChampionRegistry: false);

        var result = await CheckAsync(fixture.Services);

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("RetrainTriggers:Pipelines:churn:Registry is not registered");
    }

    private static async Task<HealthCheckResult> CheckAsync(IServiceProvider services)
    {
        var registration = RetrainPipelineHealthChecks.For("churn");
        registration.Name.Should().Be("retrain-pipeline:churn");
        return await registration.Factory(services).CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }
}
