using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RetrainTriggers.Drift.Streaming;

/// <summary>
/// A streaming concept-drift detector over an error or metric stream, with River's semantics: feed it one value at a
/// time with <see cref="Update"/> and read <see cref="DriftDetected"/> / <see cref="WarningDetected"/>.
/// </summary>
/// <remarks>
/// <para>
/// As in River's <c>drift</c> module, <see cref="DriftDetected"/> is true only for the value on which the change was
/// detected; detectors that restart after a drift (DDM, EDDM, HDDM_A, HDDM_W, Page–Hinkley, KSWIN) do so at the start of
/// the next <see cref="Update"/>, while ADWIN keeps its window and drops the older part of it.
/// </para>
/// <para>
/// The whole state, parameters included, round-trips through <see cref="SaveState"/> and <see cref="LoadState"/>, so a
/// detector survives restarts through any store of strings (the trigger state store, for example). Instances are not
/// thread-safe.
/// </para>
/// </remarks>
public abstract class ConceptDriftDetector
{
    private protected ConceptDriftDetector()
    {
    }

    /// <summary>Gets whether the latest value was detected as a change.</summary>
    public bool DriftDetected { get; private protected set; }

    /// <summary>Gets whether the latest value left the stream in the warning zone (always false for detectors without one).</summary>
    public bool WarningDetected { get; private protected set; }

    /// <summary>Gets the number of values given to <see cref="Update"/> since construction (not reset by drifts).</summary>
    public long ValuesSeen { get; private set; }

    /// <summary>Gets the detector's name as River spells it (for example <c>"ADWIN"</c>, <c>"HDDM_W"</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>Gets the latest conclusion: <see cref="ConceptDriftLevel.Drift"/>, <see cref="ConceptDriftLevel.Warning"/> or <see cref="ConceptDriftLevel.None"/>.</summary>
    public ConceptDriftLevel Level => DriftDetected ? ConceptDriftLevel.Drift : WarningDetected ? ConceptDriftLevel.Warning : ConceptDriftLevel.None;

    /// <summary>Adds one value of the monitored stream and updates the conclusion.</summary>
    /// <param name="value">The value: for the binary detectors (DDM, EDDM) 1 for an error and 0 for a correct prediction; HDDM_A and HDDM_W accept values in [0, 1]; ADWIN, Page–Hinkley and KSWIN any finite value.</param>
    /// <returns>The conclusion after this value (<see cref="Level"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN, infinite or outside the detector's domain.</exception>
    public ConceptDriftLevel Update(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The value must be finite.");
        }

        ValidateValue(value);
        ValuesSeen++;
        Step(value);
        return Level;
    }

    /// <summary>Serialises the detector (kind, parameters and state) to a JSON document.</summary>
    /// <returns>A JSON object that <see cref="LoadState"/> turns back into an equivalent detector.</returns>
    public string SaveState()
    {
        var o = new JsonObject
        {
            ["kind"] = Kind,
            ["valuesSeen"] = ValuesSeen,
            ["drift"] = DriftDetected,
            ["warning"] = WarningDetected,
        };
        Write(o);
        return o.ToJsonString();
    }

    /// <summary>Restores a detector saved with <see cref="SaveState"/>.</summary>
    /// <param name="json">The saved document.</param>
    /// <returns>A detector of the saved kind, with its parameters and state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The document is not a saved detector state (the message says what is wrong).</exception>
    public static ConceptDriftDetector LoadState(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonObject o;
        try
        {
            o = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("The concept-drift detector state must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The concept-drift detector state is not valid JSON: {e.Message}", e);
        }

        try
        {
            var kind = o["kind"]?.GetValue<string>() ?? throw new FormatException("The concept-drift detector state has no \"kind\".");
            ConceptDriftDetector detector = kind switch
            {
                Adwin.KindName => Adwin.Read(o),
                Ddm.KindName => Ddm.Read(o),
                Eddm.KindName => Eddm.Read(o),
                HddmA.KindName => HddmA.Read(o),
                HddmW.KindName => HddmW.Read(o),
                PageHinkley.KindName => PageHinkley.Read(o),
                Kswin.KindName => Kswin.Read(o),
                _ => throw new FormatException($"Unknown concept-drift detector kind \"{kind}\"; expected ADWIN, DDM, EDDM, HDDM_A, HDDM_W, PageHinkley or KSWIN."),
            };
            detector.ValuesSeen = o["valuesSeen"]!.GetValue<long>();
            detector.DriftDetected = o["drift"]!.GetValue<bool>();
            detector.WarningDetected = o["warning"]!.GetValue<bool>();
            return detector;
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or KeyNotFoundException or ArgumentException)
        {
            throw new FormatException($"The concept-drift detector state is incomplete or malformed: {e.Message}", e);
        }
    }

    /// <summary>Checks the value against the detector's domain (beyond finiteness).</summary>
    private protected virtual void ValidateValue(double value)
    {
    }

    /// <summary>Consumes one value.</summary>
    private protected abstract void Step(double value);

    /// <summary>Writes parameters and state.</summary>
    private protected abstract void Write(JsonObject o);

    /// <summary>A double as JSON: a number, or the strings "Infinity", "-Infinity", "NaN".</summary>
    private protected static JsonNode Number(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture))!;

    /// <summary>Reads a value written by <see cref="Number(double)"/>.</summary>
    private protected static double Number(JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var v = node.AsValue();
        return v.TryGetValue<string>(out var s) ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : v.GetValue<double>();
    }

    /// <summary>Validates a binary value (0 or 1).</summary>
    private protected static void RequireBinary(double value)
    {
        if (value is not (0.0 or 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "This detector monitors a binary stream: 1 for an error, 0 for a correct prediction.");
        }
    }

    /// <summary>Validates a value in [0, 1].</summary>
    private protected static void RequireUnit(double value)
    {
        if (value is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "This detector's bounds assume values in [0, 1] (for example 1 for an error, 0 for a correct prediction).");
        }
    }
}
