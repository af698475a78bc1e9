namespace Stagecraft.Local.Secrets;

/// <summary>
/// Records which key sealed the values in a file (by its non-secret id), so that using another key
/// fails with a clear message instead of a cryptographic error on every value.
/// </summary>
internal static class KeyBinding
{
    public const string Schema = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);";

    /// <summary>Checks the file was sealed with <paramref name="key"/>; on write, binds an unbound file to it.</summary>
    public static async Task CheckAsync(SqliteConnection connection, EnvironmentKey key, string what, string file, bool bindIfUnbound, CancellationToken cancellationToken)
    {
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT value FROM meta WHERE key = 'key_id'";
        var stored = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        if (stored is null)
        {
            if (bindIfUnbound)
            {
                await using var write = connection.CreateCommand();
                write.CommandText = "INSERT OR IGNORE INTO meta (key, value) VALUES ('key_id', $id)";
                write.Parameters.AddWithValue("$id", key.Id);
                await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (stored != key.Id)
        {
            throw new StagecraftException(
                $"{what} in {file} were sealed with another key (key id {stored}) than the one from {key.Source} (key id {key.Id})",
                ExitCodes.InvalidInput,
                "use the key they were stored with; if it is lost, delete the file and set them again");
        }
    }
}
