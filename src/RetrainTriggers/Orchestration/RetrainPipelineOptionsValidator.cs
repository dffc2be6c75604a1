using System.Globalization;

namespace RetrainTriggers.Orchestration;

/// <summary>Checks pipeline options and lists every problem in one exception, each naming its option.</summary>
internal static class RetrainPipelineOptionsValidator
{
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
            problems.Add("Validators: must not contain null.");
        }

        if (options.Validators.Count > 0 && options.DataInspector is null)
        {
            problems.Add("DataInspector: is required when Validators are configured (validators check the inspector's summary of the training data).");
        }

        if (options.Notifiers.Any(static n => n is null))
        {
            problems.Add("Notifiers: must not contain null.");
        }

        Range(problems, options.Cooldown >= TimeSpan.Zero, nameof(options.Cooldown), options.Cooldown, "at least 0");
        Range(problems, options.TrainingTimeout > TimeSpan.Zero, nameof(options.TrainingTimeout), options.TrainingTimeout, "positive");
        Range(problems, options.LeaseDuration > TimeSpan.Zero, nameof(options.LeaseDuration), options.LeaseDuration, "positive");
        Range(problems, options.RetryDelay >= TimeSpan.Zero, nameof(options.RetryDelay), options.RetryDelay, "at least 0");
        Range(problems, options.MaxRetryDelay >= options.RetryDelay, nameof(options.MaxRetryDelay), options.MaxRetryDelay, "not below RetryDelay");
        if (options.TrainingWindow is { } window)
        {
            Range(problems, window > TimeSpan.Zero, nameof(options.TrainingWindow), window, "positive");
        }

        if (options.MaxTrainingAttempts < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"MaxTrainingAttempts: {options.MaxTrainingAttempts} is not allowed; it must be at least 1."));
        }

        if (!Enum.IsDefined(options.CollisionPolicy))
        {
            problems.Add($"CollisionPolicy: {options.CollisionPolicy} is not one of Skip, QueueOne.");
        }

        if (options.Watch is { } watch)
        {
            Range(problems, watch.Window > TimeSpan.Zero, "Watch.Window", watch.Window, "positive");
            if (!(watch.MaxDegradation >= 0))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Watch.MaxDegradation: {watch.MaxDegradation} is not allowed; it must be at least 0."));
            }

            if (options.Policy is { } policy)
            {
                foreach (var metric in watch.Metrics)
                {
                    if (string.IsNullOrWhiteSpace(metric) || !policy.Directions.ContainsKey(metric))
                    {
                        problems.Add(
                            $"Watch.Metrics: '{metric}' has no known direction; the promotion policy knows {string.Join(", ", policy.Directions.Keys.Order(StringComparer.Ordinal))}.");
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
            problems.Add($"{name}: is required.");
        }
    }

    private static void Range(List<string> problems, bool ok, string name, TimeSpan value, string allowed)
    {
        if (!ok)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {value} is not allowed; it must be {allowed}."));
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
