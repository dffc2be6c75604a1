using System.Globalization;

namespace RetrainTriggers.Orchestration;

/// <summary>Checks pipeline options and lists every problem in one exception, each starting with its option (<c>Cooldown must be …</c>).</summary>
internal static class RetrainPipelineOptionsValidator
{
    /// <summary>The longest timer-driven duration (training timeout, retry delays, lease): 49 days, below what .NET timers accept (about 49.7 days).</summary>
    internal static readonly TimeSpan MaxTimerDuration = TimeSpan.FromDays(49);

    /// <summary>The longest cooldown, training window or watch window: 3650 days, so that adding it to a date never overflows.</summary>
    internal static readonly TimeSpan MaxCalendarDuration = TimeSpan.FromDays(3650);

    /// <summary>The most training attempts of one run.</summary>
    internal const int MaxTrainingAttempts = 100;

    /// <summary>The problems with <paramref name="options"/>; empty when valid.</summary>
    public static List<string> Problems<TModel>(RetrainPipelineOptions<TModel> options)
    {
        var problems = new List<string>();
        try
        {
            PipelineNames.Validate(options.Name, nameof(options.Name));
        }
        catch (ArgumentException ex)
        {
            problems.Add($"Name: {FirstSentence(ex.Message)}");
        }

        if (options.Trigger is { } trigger)
        {
            try
            {
                TriggerEvaluator.Validate(trigger);
            }
            catch (ArgumentException ex)
            {
                problems.Add($"Trigger: {FirstSentence(ex.Message)}");
            }
        }

        Require(problems, options.Trainer, nameof(options.Trainer));
        Require(problems, options.Evaluator, nameof(options.Evaluator));
        Require(problems, options.Policy, nameof(options.Policy));
        Require(problems, options.Registry, nameof(options.Registry));
        Require(problems, options.Store, nameof(options.Store));
        Require(problems, options.TimeProvider, nameof(options.TimeProvider));
        if (options.Validators.Any(static v => v is null))
        {
            problems.Add("Validators must not contain null");
        }

        if (options.Validators.Count > 0 && options.DataInspector is null)
        {
            problems.Add("DataInspector is required when Validators are configured (validators check the inspector's summary of the training data)");
        }

        if (options.Notifiers.Any(static n => n is null))
        {
            problems.Add("Notifiers must not contain null");
        }

        // Upper bounds: a longer timer throws when it is started, and a longer calendar span overflows the date it is added to,
        // both long after start-up; refuse them here instead.
        Range(problems, options.Cooldown >= TimeSpan.Zero && options.Cooldown <= MaxCalendarDuration, nameof(options.Cooldown), options.Cooldown, "from 0 to 3650 days");
        Range(problems, options.TrainingTimeout > TimeSpan.Zero && options.TrainingTimeout <= MaxTimerDuration, nameof(options.TrainingTimeout), options.TrainingTimeout, "positive and at most 49 days");
        Range(problems, options.LeaseDuration > TimeSpan.Zero && options.LeaseDuration <= MaxTimerDuration, nameof(options.LeaseDuration), options.LeaseDuration, "positive and at most 49 days");
        Range(problems, options.RetryDelay >= TimeSpan.Zero && options.RetryDelay <= MaxTimerDuration, nameof(options.RetryDelay), options.RetryDelay, "from 0 to 49 days");
        Range(problems, options.MaxRetryDelay >= options.RetryDelay && options.MaxRetryDelay <= MaxTimerDuration, nameof(options.MaxRetryDelay), options.MaxRetryDelay, "not below RetryDelay and at most 49 days");
        if (options.TrainingWindow is { } window)
        {
            Range(problems, window > TimeSpan.Zero && window <= MaxCalendarDuration, nameof(options.TrainingWindow), window, "positive and at most 3650 days");
        }

        if (options.MaxTrainingAttempts is < 1 or > MaxTrainingAttempts)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"MaxTrainingAttempts must be from 1 to {MaxTrainingAttempts} (was {options.MaxTrainingAttempts})"));
        }

        if (!Enum.IsDefined(options.CollisionPolicy))
        {
            problems.Add($"CollisionPolicy '{options.CollisionPolicy}' is not one of Skip, QueueOne");
        }

        if (options.Watch is { } watch)
        {
            Range(problems, watch.Window > TimeSpan.Zero && watch.Window <= MaxCalendarDuration, "Watch.Window", watch.Window, "positive and at most 3650 days");
            if (!(watch.MaxDegradation >= 0))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Watch.MaxDegradation must be at least 0 (was {watch.MaxDegradation})"));
            }

            if (options.Policy is { } policy)
            {
                foreach (var metric in watch.Metrics)
                {
                    if (string.IsNullOrWhiteSpace(metric) || !policy.Directions.ContainsKey(metric))
                    {
                        problems.Add(
                            $"Watch.Metrics '{metric}' has no known direction; the promotion policy knows {string.Join(", ", policy.Directions.Keys.Order(StringComparer.Ordinal))}");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem, when there is any.</summary>
    public static void ThrowIfInvalid<TModel>(RetrainPipelineOptions<TModel> options, string paramName)
    {
        var problems = Problems(options);
        if (problems.Count > 0)
        {
            var name = string.IsNullOrWhiteSpace(options.Name) ? "(unnamed)" : options.Name;
            throw new ArgumentException(
                $"The options of retrain pipeline '{name}' are invalid:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}",
                paramName);
        }
    }

    private static void Require(List<string> problems, object? value, string name)
    {
        if (value is null)
        {
            problems.Add($"{name} is required");
        }
    }

    private static void Range(List<string> problems, bool ok, string name, TimeSpan value, string allowed)
    {
        if (!ok)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be {allowed} (was {value})"));
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
