namespace Stagecraft.Local.State;

/// <summary>Small helpers so each table's SQL reads as SQL: commands bound to the open transaction, typed column reads.</summary>
internal static class SqliteExtensions
{
    public static SqliteCommand Command(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(this SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = transaction.Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(this SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = transaction.Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a query and maps every row; the reader never outlives the call.</summary>
    public static async Task<List<T>> QueryAsync<T>(this SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = transaction.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static string Text(this SqliteDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    public static string? OptionalText(this SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static long Integer(this SqliteDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column));

    public static long? OptionalInteger(this SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
    }

    public static DateTimeOffset Time(this SqliteDataReader reader, string column) => Timestamps.Parse(reader.Text(column));

    public static DateTimeOffset? OptionalTime(this SqliteDataReader reader, string column) => Timestamps.ParseOptional(reader.OptionalText(column));

    public static TEnum Enum<TEnum>(this SqliteDataReader reader, string column)
        where TEnum : struct, Enum => System.Enum.Parse<TEnum>(reader.Text(column));
}
