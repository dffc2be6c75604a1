namespace RetrainTriggers;

/// <summary>The concept-drift factory of <see cref="Trigger"/>.</summary>
public abstract partial class Trigger
{
    /// <summary>
    /// Fires when a streaming concept-drift detector (ADWIN by default; DDM, EDDM, HDDM_A, HDDM_W, Page–Hinkley, KSWIN)
    /// detects a change in the values recorded on a named stream since the previous evaluation.
    /// </summary>
    /// <param name="options">The stream, its source, the detector and whether warnings fire.</param>
    /// <returns>The trigger; its detector and stream position are kept in the trigger state store under its path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The stream name, the source or the detector factory is missing.</exception>
    public static Trigger ConceptDrift(ConceptDriftOptions options) => new ConceptDriftTrigger(options);
}
