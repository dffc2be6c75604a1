using Microsoft.ML;
using Microsoft.ML.Data;
using RetrainTriggers.Data;
using RetrainTriggers.Drift;

namespace RetrainTriggers.MLNet;

/// <summary>Turns an ML.NET <see cref="IDataView"/> into a reference profile or a drift window, with column kinds taken from its schema, in one cursor pass.</summary>
/// <remarks>
/// Numeric columns (<see cref="float"/>, <see cref="double"/>, signed and unsigned integers) are numeric features; text
/// and Boolean columns are categorical features (empty text counts as missing). Vector and key columns are not
/// supported: name scalar columns, or convert them first. Memory per row is as for <see cref="ColumnSelectors{T}"/>.
/// </remarks>
public static class DataViewDrift
{
    /// <summary>Reads the data view into a drift window.</summary>
    /// <param name="data">The data.</param>
    /// <param name="columns">The columns to read; every supported visible scalar column when empty.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentException">A named column is missing or of an unsupported type; the message names it.</exception>
    public static DriftWindow ToDriftWindow(this IDataView data, params string[] columns) => Read(data, columns, forProfile: false).ToWindow();

    /// <summary>Reads the data view into a reference profile.</summary>
    /// <param name="data">The data.</param>
    /// <param name="binning">The binning of numeric features; 10 quantile bins when <see langword="null"/>.</param>
    /// <param name="columns">The columns to read; every supported visible scalar column when empty.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">A named column is missing or of an unsupported type, or a column holds no usable value; the message names it.</exception>
    public static DatasetProfile ToDatasetProfile(this IDataView data, FeatureBinning? binning = null, params string[] columns) =>
        Read(data, columns, forProfile: true).ToProfile(binning);

    private static ColumnAccumulator Read(IDataView data, string[] columns, bool forProfile)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columns);
        var schema = data.Schema;
        var selected = new List<DataViewSchema.Column>();
        if (columns.Length == 0)
        {
            selected.AddRange(schema.Where(c => !c.IsHidden && KindOf(c.Type) is not null));
            if (selected.Count == 0)
            {
                throw new ArgumentException("The data view has no numeric, text or Boolean scalar column.", nameof(data));
            }
        }
        else
        {
            foreach (var name in columns)
            {
                var column = schema.GetColumnOrNull(name)
                    ?? throw new ArgumentException($"The data view has no column '{name}'; it has: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.", nameof(columns));
                if (KindOf(column.Type) is null)
                {
                    throw new ArgumentException($"Column '{name}' is of type {column.Type}; only numeric, text and Boolean scalar columns can be profiled.", nameof(columns));
                }

                selected.Add(column);
            }
        }

        var accumulator = new ColumnAccumulator(selected.ConvertAll(c => KeyValuePair.Create(c.Name, KindOf(c.Type)!.Value)), forProfile);
        using var cursor = data.GetRowCursor(selected);
        var readers = selected.Select((c, i) => Reader(cursor, c, accumulator, i)).ToArray();
        while (cursor.MoveNext())
        {
            foreach (var read in readers)
            {
                read();
            }
        }

        return accumulator;
    }

    private static FeatureKind? KindOf(DataViewType type) => type switch
    {
        NumberDataViewType => FeatureKind.Numeric,
        TextDataViewType or BooleanDataViewType => FeatureKind.Categorical,
        _ => null,
    };

    private static Action Reader(DataViewRowCursor cursor, DataViewSchema.Column column, ColumnAccumulator accumulator, int index)
    {
        var numeric = accumulator.Numeric(index);
        var categorical = accumulator.Categorical(index);
        switch (column.Type.RawType)
        {
            case var t when t == typeof(float):
                return Number<float>(cursor, column, v => numeric!.Add(v));
            case var t when t == typeof(double):
                return Number<double>(cursor, column, v => numeric!.Add(v));
            case var t when t == typeof(int):
                return Number<int>(cursor, column, v => numeric!.Add(v));
            case var t when t == typeof(long):
                return Number<long>(cursor, column, v => numeric!.Add(v));
            case var t when t == typeof(short):
                return Number<short>(cursor, column, v => numeric!.Add(v));
            case var t when t == typeof(sbyte):
                return Number<sbyte>(cursor, column, v => numeric!.Add(v));
            case var t when t == typeof(uint):
                return Number<uint>(cursor, column, v => numeric!.Add(v));
            case var t when t == typeof(ulong):
                return Number<ulong>(cursor, column, v => numeric!.Add(v));
            case var t when t == typeof(ushort):
                return Number<ushort>(cursor, column, v => numeric!.Add(v));
            case var t when t == typeof(byte):
                return Number<byte>(cursor, column, v => numeric!.Add(v));
            case var t when t == typeof(bool):
                return Number<bool>(cursor, column, v => categorical!.Add(v ? "true" : "false"));
            default:
                var text = cursor.GetGetter<ReadOnlyMemory<char>>(column);
                ReadOnlyMemory<char> value = default;
                return () =>
                {
                    text(ref value);
                    if (value.IsEmpty)
                    {
                        categorical!.AddMissing();
                    }
                    else
                    {
                        categorical!.Add(value.Span);
                    }
                };
        }
    }

    private static Action Number<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Action<T> add)
    {
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            add(value);
        };
    }
}
