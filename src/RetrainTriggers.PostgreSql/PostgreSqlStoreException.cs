namespace RetrainTriggers.PostgreSql;

/// <summary>The PostgreSQL store could not complete an operation; the operation did not take effect unless the message says otherwise.</summary>
public sealed class PostgreSqlStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostgreSqlStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed and what to do.</param>
    public PostgreSqlStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The database error.</param>
    public PostgreSqlStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
