using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetrainTriggers.DependencyInjection;

namespace RetrainTriggers.Hosting;

/// <summary>
/// Runs every registered pipeline on its interval: once at start, then on each tick of a <see cref="PeriodicTimer"/> on the
/// container's <see cref="TimeProvider"/>. One loop per pipeline awaits each run before waiting for the next tick, so a
/// pipeline never overlaps itself (ticks missed during a long run collapse into one); an exception is logged, counted and
/// the next tick runs; stopping cancels the run in progress, which the pipeline records as cancelled.
/// </summary>
internal sealed partial class RetrainMonitoringService : BackgroundService
{
    private readonly PipelineCatalog catalog;
    private readonly IServiceProvider services;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public RetrainMonitoringService(PipelineCatalog catalog, IServiceProvider services)
    {
        this.catalog = catalog;
        this.services = services;
        time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        logger = (ILogger?)services.GetService<ILogger<RetrainMonitoringService>>() ?? NullLogger.Instance;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hosts = catalog.Names.Select(name => services.GetRequiredKeyedService<IPipelineHost>(name)).ToList();
        return Task.WhenAll(hosts.Select(host => MonitorAsync(host, stoppingToken)));
    }

    private async Task MonitorAsync(IPipelineHost host, CancellationToken stoppingToken)
    {
        // Leave the start-up path at once: the host starts its other services while the first tick runs.
        await Task.Yield();
        LogStarted(logger, host.Name, host.Interval);
        using var timer = new PeriodicTimer(host.Interval, time);
        try
        {
            do
            {
                await TickAsync(host, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }

        LogStopped(logger, host.Name);
    }

    private async Task TickAsync(IPipelineHost host, CancellationToken stoppingToken)
    {
        try
        {
            var evaluation = await host.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            host.RecordTick(null);
            LogTick(logger, host.Name, evaluation.Verdict, evaluation.Run?.State.ToString() ?? "none");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // One bad tick (a store briefly unavailable, a throwing plug-in outside a run) must not end monitoring.
            host.RecordTick(ex);
            LogTickFailed(logger, ex, host.Name, host.FailedTicks);
        }
    }

    [LoggerMessage(EventId = 1100, EventName = "MonitoringStarted", Level = LogLevel.Information, Message = "Pipeline {Pipeline}: monitoring every {Interval}")]
    private static partial void LogStarted(ILogger logger, string pipeline, TimeSpan interval);

    [LoggerMessage(EventId = 1101, EventName = "MonitoringTick", Level = LogLevel.Debug, Message = "Pipeline {Pipeline}: tick verdict {Verdict}, run {RunState}")]
    private static partial void LogTick(ILogger logger, string pipeline, Orchestration.RetrainVerdict verdict, string runState);

    [LoggerMessage(EventId = 1102, EventName = "MonitoringTickFailed", Level = LogLevel.Error, Message = "Pipeline {Pipeline}: monitoring tick failed ({FailedTicks} failed so far); the next tick runs as scheduled")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string pipeline, long failedTicks);

    [LoggerMessage(EventId = 1103, EventName = "MonitoringStopped", Level = LogLevel.Information, Message = "Pipeline {Pipeline}: monitoring stopped")]
    private static partial void LogStopped(ILogger logger, string pipeline);
}
