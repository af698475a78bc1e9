namespace Stagecraft.Local.Secrets;

/// <summary>
/// An environment's secrets in .stagecraft/&lt;env&gt;.secrets.db (mode 0600): per name a nonce and the
/// AES-GCM ciphertext, sealed with the environment key and bound to project, environment and name.
/// Reading a name that was never set needs no key; everything else does.
/// </summary>
internal sealed class LocalSecretStore(string file, string project, string environment, EnvironmentKeySource keys, TimeProvider time, string user) : ISecretStore
{
    private const string Schema = KeyBinding.Schema + """
        CREATE TABLE IF NOT EXISTS secrets (
            name TEXT PRIMARY KEY,
            nonce BLOB NOT NULL,
            ciphertext BLOB NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL);
        """;

    private const string What = "the secrets";
    private readonly string _file = file;
    private readonly string _project = project;
    private readonly string _environment = environment;

    public string Description => $"sqlite {_file}, key from ${EnvironmentKeySource.KeyVariable} or {keys.KeyFile}";

    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await PrivateDatabase.OpenExistingAsync(_file, cancellationToken).ConfigureAwait(false);
        if (connection is null || !await HasTableAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT nonce, ciphertext FROM secrets WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var sealedValue = new SealedValue((byte[])reader[0], (byte[])reader[1]);
        var key = keys.Load($"read secret '{name}'");
        await KeyBinding.CheckAsync(connection, key, What, _file, bindIfUnbound: false, cancellationToken).ConfigureAwait(false);
        try
        {
            return Encoding.UTF8.GetString(key.Box("secrets").Open(sealedValue, AssociatedData(name)));
        }
        catch (CryptographicException)
        {
            throw new StagecraftException($"secret '{name}' cannot be decrypted with the key from {key.Source}: the key is wrong or the file was altered",
                ExitCodes.InvalidInput, "use the key it was stored with, or set the secret again");
        }
    }

    public async Task<string?> SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        Names.CheckSecret(name);
        var (key, created) = keys.LoadOrCreate();
        var sealedValue = key.Box("secrets").Seal(Encoding.UTF8.GetBytes(value), AssociatedData(name));
        await using var connection = await PrivateDatabase.OpenForWriteAsync(_file, Schema, cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await KeyBinding.CheckAsync(connection, key, What, _file, bindIfUnbound: true, cancellationToken).ConfigureAwait(false);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO secrets (name, nonce, ciphertext, updated_at, updated_by) VALUES ($name, $nonce, $ciphertext, $at, $by)
                ON CONFLICT (name) DO UPDATE SET nonce = excluded.nonce, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """;
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$nonce", sealedValue.Nonce);
            command.Parameters.AddWithValue("$ciphertext", sealedValue.CiphertextAndTag);
            command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$by", user);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created ? keys.CreatedNotice : null;
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await PrivateDatabase.OpenExistingAsync(_file, cancellationToken).ConfigureAwait(false);
        if (connection is null || !await HasTableAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM secrets WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<SecretInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<SecretInfo>();
        await using var connection = await PrivateDatabase.OpenExistingAsync(_file, cancellationToken).ConfigureAwait(false);
        if (connection is null || !await HasTableAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return result;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, updated_at, updated_by FROM secrets ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new SecretInfo(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(2)));
        }

        return result;
    }

    private byte[] AssociatedData(string name) => Encoding.UTF8.GetBytes($"secret\0{_project}\0{_environment}\0{name}");

    private static async Task<bool> HasTableAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'secrets'";
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }
}
