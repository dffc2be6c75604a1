namespace RetrainTriggers.Statistics.Sketches;

/// <summary>
/// A KLL quantile sketch of doubles (Karnin, Lang &amp; Liberty 2016, in the form of Apache DataSketches'
/// <c>KllDoublesSketch</c>): bounded size, mergeable, with a documented rank-error bound; deterministic for a seed.
/// </summary>
/// <remarks>
/// <para>
/// Levels <c>0..H−1</c> hold items of weight <c>2^h</c>; level <c>h</c> has capacity
/// <c>max(8, ⌈k·(2/3)^(H−1−h)⌉)</c>, so the sketch retains fewer than about <c>3k + 8H</c> items whatever the stream
/// length. When the retained items reach the total capacity, the lowest level at or over its capacity is compacted:
/// sorted (level 0; the others are kept sorted), an odd item left behind, and every other item of the rest (starting at
/// a random offset 0 or 1) promoted to the next level with twice the weight. Merging concatenates level by level and
/// compacts the same way. Until the first compaction the sketch is exact.
/// </para>
/// <para>
/// Rank error: with 99% confidence every rank query is within <see cref="NormalizedRankError"/> = 2.446 / k^0.9433
/// of the true normalised rank simultaneously for all queries — DataSketches' published empirical "double-sided"
/// bound (its <c>getNormalizedRankError(k, true)</c>); the single-query bound is 2.296 / k^0.9723. k = 1024 gives
/// 0.0035. The seed fixes the coin flips, so a sketch built from the same data in the same order is bit-identical.
/// </para>
/// </remarks>
internal sealed partial class KllSketch
{
    /// <summary>The default k: rank error 0.0035 (99% confidence, all queries), about 3 000 retained items.</summary>
    public const int DefaultK = 1024;

    /// <summary>The smallest allowed k.</summary>
    public const int MinK = 8;

    /// <summary>The largest allowed k.</summary>
    public const int MaxK = 65_535;

    private const int MinLevelWidth = 8;

    /// <summary>The most levels a stored sketch may have: level 61 items weigh 2^61, and the count is a long.</summary>
    private const int MaxLevels = 62;

    private double[][] levels;
    private int[] sizes;
    private int levelCount;
    private int retained;
    private int capacity;
    private ulong state;

    /// <summary>Creates an empty sketch.</summary>
    /// <param name="k">The accuracy parameter (<see cref="MinK"/> to <see cref="MaxK"/>).</param>
    /// <param name="seed">The seed of the compaction coin flips.</param>
    public KllSketch(int k = DefaultK, ulong seed = 0x9E37_79B9_7F4A_7C15UL)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, MinK);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaxK);
        K = k;
        state = seed == 0 ? 0x9E37_79B9_7F4A_7C15UL : seed;
        levels = [new double[k]];
        sizes = [0];
        levelCount = 1;
        capacity = LevelCapacity(0, 1);
        Min = double.NaN;
        Max = double.NaN;
    }

    /// <summary>Gets the accuracy parameter.</summary>
    public int K { get; }

    /// <summary>Gets the number of values added (the total weight).</summary>
    public long Count { get; private set; }

    /// <summary>Gets the smallest value added (exact), NaN when empty.</summary>
    public double Min { get; private set; }

    /// <summary>Gets the largest value added (exact), NaN when empty.</summary>
    public double Max { get; private set; }

    /// <summary>Gets the number of items the sketch holds.</summary>
    public int RetainedCount => retained;

    /// <summary>Gets the number of levels.</summary>
    public int LevelCount => levelCount;

    /// <summary>Gets whether the sketch still holds every value added (no compaction yet), so its ranks are exact.</summary>
    public bool IsExact => levelCount == 1 && sizes[0] == Count;

    /// <summary>Gets the bound on the normalised rank error of every query (0 while the sketch is exact).</summary>
    public double RankErrorBound => IsExact ? 0 : NormalizedRankError(K);

    /// <summary>Gets the current state of the coin-flip generator (serialised so a stored sketch continues deterministically).</summary>
    internal ulong RandomState => state;

    /// <summary>DataSketches' 99%-confidence bound on the normalised rank error of all queries at once for a given k.</summary>
    /// <param name="k">The accuracy parameter.</param>
    /// <returns>2.446 / k^0.9433.</returns>
    public static double NormalizedRankError(int k) => 2.446 / Math.Pow(k, 0.9433);

    /// <summary>Gets the items of one level (level 0 unsorted, the others ascending).</summary>
    /// <param name="level">The level.</param>
    /// <returns>The items.</returns>
    public ReadOnlySpan<double> Level(int level) => levels[level].AsSpan(0, sizes[level]);

    /// <summary>Adds one value; NaN and ±∞ are ignored (callers count missing values themselves).</summary>
    /// <param name="value">The value.</param>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        AddFinite(value + 0.0);
        if (retained >= capacity)
        {
            Compress();
        }
    }

    /// <summary>Adds every finite value of a batch.</summary>
    /// <param name="values">The values; NaN and ±∞ are ignored.</param>
    public void Add(ReadOnlySpan<double> values)
    {
        int k = 0;
        while (k < values.Length)
        {
            // Fill level 0 up to the total capacity in a tight loop, then compress once.
            int room = Math.Max(1, capacity - retained);
            EnsureRoom(0, sizes[0] + room);
            double[] level0 = levels[0];
            int size0 = sizes[0];
            int before = size0;
            double min = Min;
            double max = Max;
            while (k < values.Length && size0 - before < room)
            {
                double v = values[k++];
                if (double.IsFinite(v))
                {
                    v += 0.0;
                    level0[size0++] = v;
                    if (!(v >= min))
                    {
                        min = v;
                    }

                    if (!(v <= max))
                    {
                        max = v;
                    }
                }
            }

            int added = size0 - before;
            sizes[0] = size0;
            retained += added;
            Count += added;
            Min = min;
            Max = max;
            if (retained >= capacity)
            {
                Compress();
            }
        }
    }

    /// <summary>Merges another sketch into this one (the other is unchanged); the result sketches the union of both streams.</summary>
    /// <param name="other">The sketch to merge; must have the same k.</param>
    /// <exception cref="ArgumentException">The sketches have different k.</exception>
    public void Merge(KllSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.K != K)
        {
            throw new ArgumentException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Cannot merge KLL sketches with k = {K} and k = {other.K}."), nameof(other));
        }

        if (other.Count == 0)
        {
            return;
        }

        while (levelCount < other.levelCount)
        {
            AddLevel();
        }

        for (int h = 0; h < other.levelCount; h++)
        {
            ReadOnlySpan<double> items = other.Level(h);
            if (items.IsEmpty)
            {
                continue;
            }

            if (h == 0)
            {
                EnsureRoom(0, sizes[0] + items.Length);
                items.CopyTo(levels[0].AsSpan(sizes[0]));
                sizes[0] += items.Length;
            }
            else
            {
                MergeIntoLevel(h, items);
            }

            retained += items.Length;
        }

        Count += other.Count;
        Min = Count == other.Count ? other.Min : Math.Min(Min, other.Min);
        Max = Count == other.Count ? other.Max : Math.Max(Max, other.Max);
        capacity = TotalCapacity();
        while (retained >= capacity)
        {
            Compress();
        }
    }

    /// <summary>Creates a deep copy.</summary>
    /// <returns>The copy, with the same coin-flip state.</returns>
    public KllSketch Clone()
    {
        var copy = (KllSketch)MemberwiseClone();
        copy.sizes = (int[])sizes.Clone();
        copy.levels = new double[levels.Length][];
        for (int h = 0; h < levels.Length; h++)
        {
            copy.levels[h] = (double[])levels[h].Clone();
        }

        return copy;
    }

    /// <summary>Gets the sorted view: distinct retained values ascending with the cumulative weight at or below each.</summary>
    /// <param name="values">The distinct values.</param>
    /// <param name="cumulativeWeights">The total weight of items ≤ each value; the last equals <see cref="Count"/>.</param>
    public void SortedView(out double[] values, out long[] cumulativeWeights)
    {
        var items = new double[retained];
        var weights = new long[retained];
        int p = 0;
        for (int h = 0; h < levelCount; h++)
        {
            ReadOnlySpan<double> level = Level(h);
            level.CopyTo(items.AsSpan(p));
            weights.AsSpan(p, level.Length).Fill(1L << h);
            p += level.Length;
        }

        Array.Sort(items, weights);
        int distinct = 0;
        long cumulative = 0;
        for (int i = 0; i < items.Length; i++)
        {
            cumulative += weights[i];
            if (distinct > 0 && items[distinct - 1] == items[i])
            {
                weights[distinct - 1] = cumulative;
            }
            else
            {
                items[distinct] = items[i];
                weights[distinct] = cumulative;
                distinct++;
            }
        }

        values = items[..distinct];
        cumulativeWeights = weights[..distinct];
    }

    /// <summary>Estimates the normalised rank of <paramref name="value"/>: the share of added values ≤ it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The estimate in [0, 1], within <see cref="RankErrorBound"/> of the truth (99% confidence).</returns>
    public double Rank(double value)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        long weight = 0;
        for (int h = 0; h < levelCount; h++)
        {
            long w = 1L << h;
            foreach (double item in Level(h))
            {
                if (item <= value)
                {
                    weight += w;
                }
            }
        }

        return (double)weight / Count;
    }

    /// <summary>Rebuilds a sketch from stored parts (levels listed bottom-up), checking the invariants.</summary>
    internal static KllSketch FromParts(int k, ulong randomState, long count, double min, double max, int[] levelSizes, double[] items, string path)
    {
        if (k is < MinK or > MaxK || levelSizes.Length == 0 || levelSizes.Any(s => s < 0) || levelSizes.Sum(s => (long)s) != items.Length)
        {
            throw new InvalidDataException($"{path}: the sketch parameters (k, levels, items) are inconsistent.");
        }

        // A level h item weighs 2^h and the count is a long: more levels than MaxLevels cannot come from real data.
        if (levelSizes.Length > MaxLevels)
        {
            throw new InvalidDataException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture, $"{path}.levelSizes: {levelSizes.Length} levels, at most {MaxLevels} allowed."));
        }

        var sketch = new KllSketch(k, randomState);
        while (sketch.levelCount < levelSizes.Length)
        {
            sketch.AddLevel();
        }

        long weight = 0;
        int p = 0;
        for (int h = 0; h < levelSizes.Length; h++)
        {
            ReadOnlySpan<double> level = items.AsSpan(p, levelSizes[h]);
            for (int i = 0; i < level.Length; i++)
            {
                if (!double.IsFinite(level[i]) || level[i] < min || level[i] > max || (h > 0 && i > 0 && level[i] < level[i - 1]))
                {
                    throw new InvalidDataException($"{path}: item {p + i} is not finite, outside [min, max] or out of order in level {h}.");
                }
            }

            sketch.EnsureRoom(h, level.Length);
            level.CopyTo(sketch.levels[h]);
            sketch.sizes[h] = level.Length;
            if (level.Length > ((long.MaxValue - weight) >> h))
            {
                throw new InvalidDataException($"{path}: the sketch's weights overflow a 64-bit count.");
            }

            weight += (long)level.Length << h;
            p += level.Length;
        }

        if (weight != count || count == 0 || !(min <= max))
        {
            throw new InvalidDataException($"{path}: the sketch's weights do not add up to its count {count}, or min/max are invalid.");
        }

        sketch.retained = items.Length;
        sketch.Count = count;
        sketch.Min = min;
        sketch.Max = max;
        sketch.capacity = sketch.TotalCapacity();

        // Every add and merge compacts until the items are below the capacity, so a stored sketch is too.
        if (sketch.retained >= sketch.capacity)
        {
            throw new InvalidDataException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{path}: {sketch.retained} items in {levelSizes.Length} level(s), at least the capacity {sketch.capacity} of a sketch with k = {k}: a sketch holds fewer."));
        }

        return sketch;
    }

    private void AddFinite(double v)
    {
        EnsureRoom(0, sizes[0] + 1);
        levels[0][sizes[0]++] = v;
        retained++;
        Count++;
        if (!(v >= Min))
        {
            Min = v;
        }

        if (!(v <= Max))
        {
            Max = v;
        }
    }
}
