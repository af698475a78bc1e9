using Stagecraft.Local.Secrets;

namespace Stagecraft.Local.Parameters;

/// <summary>
/// The local target's parameter store: .stagecraft/&lt;env&gt;.params.db (mode 0600) beside the state.
/// Plain values are stored as text; secure ones (SSM's SecureString) sealed with the environment key.
/// </summary>
internal sealed class LocalParameterStore(string file, string project, string environment, EnvironmentKeySource keys, TimeProvider time) : IParameterStore
{
    private const string Schema = KeyBinding.Schema + """
        CREATE TABLE IF NOT EXISTS parameters (
            name TEXT PRIMARY KEY,
            secure INTEGER NOT NULL,
            value TEXT,
            nonce BLOB,
            ciphertext BLOB,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL);
        """;

    private const string What = "the secure parameters";
    private readonly string _file = file;
    private readonly string _environment = environment;

    public string Description => "sqlite " + _file;

    public async Task<Parameter?> GetAsync(string name, CancellationToken cancellationToken)
    {
        Names.CheckParameter(name, writing: false);
        var found = await QueryAsync("name = $name", name, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<string?> PutAsync(string name, string value, bool secure, CancellationToken cancellationToken)
    {
        var created = false;
        Names.CheckParameter(name, writing: true);
        await using var connection = await PrivateDatabase.OpenForWriteAsync(_file, Schema, cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO parameters (name, secure, value, nonce, ciphertext, updated_at, version) VALUES ($name, $secure, $value, $nonce, $ciphertext, $at, 1)
            ON CONFLICT (name) DO UPDATE SET secure = excluded.secure, value = excluded.value, nonce = excluded.nonce,
                ciphertext = excluded.ciphertext, updated_at = excluded.updated_at, version = parameters.version + 1
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$secure", secure ? 1 : 0);
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        if (secure)
        {
            (var key, created) = keys.LoadOrCreate();
            await KeyBinding.CheckAsync(connection, key, What, _file, bindIfUnbound: true, cancellationToken).ConfigureAwait(false);
            var sealedValue = key.Box("parameters").Seal(Encoding.UTF8.GetBytes(value), AssociatedData(name));
            command.Parameters.AddWithValue("$value", DBNull.Value);
            command.Parameters.AddWithValue("$nonce", sealedValue.Nonce);
            command.Parameters.AddWithValue("$ciphertext", sealedValue.CiphertextAndTag);
        }
        else
        {
            command.Parameters.AddWithValue("$value", value);
            command.Parameters.AddWithValue("$nonce", DBNull.Value);
            command.Parameters.AddWithValue("$ciphertext", DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created ? keys.CreatedNotice : null;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        Names.CheckParameter(name, writing: true);
        await using var connection = await PrivateDatabase.OpenExistingAsync(_file, cancellationToken).ConfigureAwait(false);
        if (connection is null || !await HasTableAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM parameters WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public Task<IReadOnlyList<Parameter>> ListAsync(string path, CancellationToken cancellationToken)
    {
        // "/a/b" and "/a/b/" both list what is under /a/b/.
        var prefix = path.EndsWith('/') ? path : path + "/";
        if (prefix != "/")
        {
            Names.CheckParameter(prefix.TrimEnd('/'), writing: false);
        }

        // substr instead of LIKE: '_' and '%' are valid in names and must not act as wildcards.
        return QueryAsync("substr(name, 1, length($name)) = $name", prefix, cancellationToken);
    }

    private async Task<IReadOnlyList<Parameter>> QueryAsync(string where, string argument, CancellationToken cancellationToken)
    {
        var result = new List<Parameter>();
        await using var connection = await PrivateDatabase.OpenExistingAsync(_file, cancellationToken).ConfigureAwait(false);
        if (connection is null || !await HasTableAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return result;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, secure, value, nonce, ciphertext, updated_at FROM parameters WHERE {where} ORDER BY name";
        command.Parameters.AddWithValue("$name", argument);
        var rows = new List<(string Name, bool Secure, string? Value, SealedValue? Sealed, DateTimeOffset At)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var secure = reader.GetInt64(1) != 0;
                rows.Add((reader.GetString(0), secure, reader.IsDBNull(2) ? null : reader.GetString(2),
                    secure ? new SealedValue((byte[])reader[3], (byte[])reader[4]) : null,
                    DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
            }
        }

        EnvironmentKey? key = null;
        foreach (var row in rows)
        {
            if (row.Sealed is null)
            {
                result.Add(new Parameter(row.Name, row.Value ?? "", false, row.At));
                continue;
            }

            if (key is null)
            {
                key = keys.Load($"read secure parameter '{row.Name}'");
                await KeyBinding.CheckAsync(connection, key, What, _file, bindIfUnbound: false, cancellationToken).ConfigureAwait(false);
            }

            result.Add(new Parameter(row.Name, Open(key, row.Name, row.Sealed), true, row.At));
        }

        return result;
    }

    private string Open(EnvironmentKey key, string name, SealedValue value)
    {
        try
        {
            return Encoding.UTF8.GetString(key.Box("parameters").Open(value, AssociatedData(name)));
        }
        catch (CryptographicException)
        {
            throw new StagecraftException($"secure parameter '{name}' cannot be decrypted with the key from {key.Source}: the key is wrong or the file was altered",
                ExitCodes.InvalidInput, "use the key it was stored with, or put the parameter again");
        }
    }

    private byte[] AssociatedData(string name) => Encoding.UTF8.GetBytes($"parameter\0{project}\0{_environment}\0{name}");

    private static async Task<bool> HasTableAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'parameters'";
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }
}
