namespace RetrainTriggers;

/// <content>The Volume slice of the factory.</content>
public abstract partial class Trigger
{
    /// <summary>Fires when enough new labeled rows have arrived since the last retrain, absolutely and/or relative to the last training set.</summary>
    /// <param name="options">The row count and/or growth fraction.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">Neither condition is set.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A condition is not positive or not finite.</exception>
    public static Trigger Volume(VolumeOptions options) => new VolumeTrigger(options);

    /// <summary>Fires when at least <paramref name="minNewRows"/> new labeled rows and/or growth of <paramref name="minGrowth"/> (0.2 = 20%) are reached; either suffices.</summary>
    /// <param name="minNewRows">The new-row count; greater than 0.</param>
    /// <param name="minGrowth">The growth fraction of the last training set; greater than 0.</param>
    /// <param name="name">The trigger name; default <c>volume</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Volume(long? minNewRows = null, double? minGrowth = null, string? name = null) =>
        new VolumeTrigger(new VolumeOptions { MinNewRows = minNewRows, MinGrowth = minGrowth, Name = name });
}
