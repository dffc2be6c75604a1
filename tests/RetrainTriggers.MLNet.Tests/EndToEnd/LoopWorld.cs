using Microsoft.ML;
using Microsoft.ML.Trainers;
using RetrainTriggers.Drift;
using RetrainTriggers.Evaluation;

namespace RetrainTriggers.MLNet.Tests.EndToEnd;

/// <summary>
/// The world an end-to-end pipeline lives in: the concept that labels rows, a covariate shift of the live features, and
/// a labelling fault in the next training batch. It serves the trainer's data, the evaluator's holdout and the live
/// drift window, all seeded and regenerated only when the world changes.
/// </summary>
internal sealed class LoopWorld : IDriftWindowSource
{
    public const int TrainingRows = 400;
    public const int HoldoutRows = 300;
    public const int WindowRows = 300;

    public static readonly float[] Original = [2.0f, -1.5f, 1.0f, 0.0f];
    public static readonly float[] Drifted = [0.5f, -1.5f, 1.0f, 2.5f];
    public static readonly float[] Reversed = [-2.0f, -1.5f, 1.0f, 2.5f];

    private static readonly string[] FeatureColumns = ["F0", "F1", "F2", "F3"];

    private readonly MLContext data = new(seed: 5);
    private readonly object gate = new();
    private int version;
    private int trainings;
    private (int Version, DriftWindow Window)? window;
    private (int Version, IDataView Holdout)? holdout;

    public float[] Concept { get; private set; } = Original;

    /// <summary>Gets the mean shift of features F2 and F3 in live and fresh data.</summary>
    public float Shift { get; private set; }

    /// <summary>Gets the concept that labels the next training batch instead of <see cref="Concept"/> (a faulty batch), if any.</summary>
    public float[]? MislabelledBatch { get; private set; }

    public int Trainings => Volatile.Read(ref trainings);

    public void Change(float[] concept, float shift, float[]? mislabelledBatch = null)
    {
        lock (gate)
        {
            Concept = concept;
            Shift = shift;
            MislabelledBatch = mislabelledBatch;
            version++;
        }
    }

    public MlNetModelTrainer Trainer() => new(
        (ml, _) => ml.Transforms.Concatenate("Features", FeatureColumns)
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 20,
            })),
        (_, _) =>
        {
            var n = Interlocked.Increment(ref trainings);
            lock (gate)
            {
                return ValueTask.FromResult(data.Data.LoadFromEnumerable(Rows(TrainingRows, MislabelledBatch ?? Concept, 1000 + (n * 17))));
            }
        },
        new MlNetModelTrainerOptions
        {
            Seed = 1,
            ReferenceProfileBuilder = (view, _, _) => ValueTask.FromResult<DatasetProfile?>(view.ToDatasetProfile(null, FeatureColumns)),
        });

    /// <summary>An evaluator that scores on the current holdout: fresh, correctly labelled rows of the world as it is.</summary>
    public IModelEvaluator<ITransformer> Evaluator(MLContext mlContext) => new CurrentHoldoutEvaluator(this, mlContext);

    public ValueTask<DriftWindow?> GetCurrentWindowAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (window is not { } cached || cached.Version != version)
            {
                var view = data.Data.LoadFromEnumerable(Rows(WindowRows, Concept, 3000 + version));
                window = cached = (version, view.ToDriftWindow(FeatureColumns));
            }

            return ValueTask.FromResult<DriftWindow?>(cached.Window);
        }
    }

    private IDataView CurrentHoldout()
    {
        lock (gate)
        {
            if (holdout is not { } cached || cached.Version != version)
            {
                holdout = cached = (version, data.Data.LoadFromEnumerable(Rows(HoldoutRows, Concept, 2000 + version)));
            }

            return cached.Holdout;
        }
    }

    private List<Row> Rows(int count, float[] concept, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        for (var i = 0; i < count; i++)
        {
            var x = new float[4];
            double logit = 0;
            for (var j = 0; j < x.Length; j++)
            {
                var centred = Gaussian(random);
                x[j] = (float)(centred + (j >= 2 ? Shift : 0));
                logit += concept[j] * centred;
            }

            rows.Add(new Row { Label = random.NextDouble() < 1 / (1 + Math.Exp(-logit)), F0 = x[0], F1 = x[1], F2 = x[2], F3 = x[3] });
        }

        return rows;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    public sealed class Row
    {
        public bool Label { get; set; }

        public float F0 { get; set; }

        public float F1 { get; set; }

        public float F2 { get; set; }

        public float F3 { get; set; }
    }

    private sealed class CurrentHoldoutEvaluator(LoopWorld world, MLContext mlContext) : IModelEvaluator<ITransformer>
    {
        public ValueTask<ModelEvaluation> EvaluateAsync(ITransformer model, CancellationToken cancellationToken = default) =>
            new MlNetModelEvaluator(mlContext, world.CurrentHoldout()).EvaluateAsync(model, cancellationToken);
    }
}
