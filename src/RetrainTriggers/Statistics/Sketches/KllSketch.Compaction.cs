namespace RetrainTriggers.Statistics.Sketches;

/// <content>Compaction: the level capacities, compacting a full level into the next, and the seeded coin flips.</content>
internal sealed partial class KllSketch
{
    private void Compress()
    {
        while (retained >= capacity)
        {
            int h = 0;
            while (sizes[h] < LevelCapacity(h, levelCount))
            {
                h++;
            }

            if (h == levelCount - 1)
            {
                AddLevel();
            }

            CompactLevel(h);
        }
    }

    private void CompactLevel(int h)
    {
        Span<double> level = levels[h].AsSpan(0, sizes[h]);
        if (h == 0)
        {
            level.Sort();
        }

        // An odd item stays behind (the smallest); the rest is halved, starting at a random offset.
        int keep = level.Length & 1;
        int pairs = (level.Length - keep) / 2;
        int offset = keep + (int)(NextRandom() & 1);
        double[] promoted = System.Buffers.ArrayPool<double>.Shared.Rent(Math.Max(pairs, 1));
        try
        {
            for (int i = 0; i < pairs; i++)
            {
                promoted[i] = level[offset + (2 * i)];
            }

            sizes[h] = keep;
            retained -= pairs * 2;
            MergeIntoLevel(h + 1, promoted.AsSpan(0, pairs));
            retained += pairs;
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(promoted);
        }
    }

    /// <summary>Merges sorted items into a sorted level (from the back, in place).</summary>
    private void MergeIntoLevel(int h, ReadOnlySpan<double> items)
    {
        int a = sizes[h];
        EnsureRoom(h, a + items.Length);
        double[] target = levels[h];
        int i = a - 1;
        int j = items.Length - 1;
        int w = a + items.Length - 1;
        while (j >= 0)
        {
            if (i >= 0 && target[i] > items[j])
            {
                target[w--] = target[i--];
            }
            else
            {
                target[w--] = items[j--];
            }
        }

        sizes[h] = a + items.Length;
    }

    private void AddLevel()
    {
        if (levelCount == levels.Length)
        {
            Array.Resize(ref levels, levels.Length + 1);
            Array.Resize(ref sizes, sizes.Length + 1);
        }

        levels[levelCount] = new double[MinLevelWidth];
        sizes[levelCount] = 0;
        levelCount++;
        capacity = TotalCapacity();
    }

    private void EnsureRoom(int h, int needed)
    {
        if (levels[h].Length < needed)
        {
            Array.Resize(ref levels[h], Math.Max(needed, Math.Min(levels[h].Length * 2, needed + K)));
        }
    }

    private int TotalCapacity()
    {
        int total = 0;
        for (int h = 0; h < levelCount; h++)
        {
            total += LevelCapacity(h, levelCount);
        }

        return total;
    }

    private int LevelCapacity(int h, int height)
    {
        int depth = height - 1 - h;
        double c = K * Math.Pow(2.0 / 3.0, depth);
        return Math.Max(MinLevelWidth, (int)Math.Ceiling(c - 1e-9));
    }

    /// <summary>xorshift64*: fast, seeded, good enough for fair coin flips.</summary>
    private ulong NextRandom()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return (state * 0x2545_F491_4F6C_DD1DUL) >> 32;
    }
}
