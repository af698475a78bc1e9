using Microsoft.Data.Sqlite;

namespace Quickstart.App;

/// <summary>Notes in the SQLite file the 'schema' stage migrated.</summary>
internal sealed class NoteStore(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite }.ToString();

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM notes";
        await command.ExecuteScalarAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<Note>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, body, created_at FROM notes ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var notes = new List<Note>();
        while (await reader.ReadAsync(cancellationToken))
        {
            notes.Add(new Note(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return notes;
    }

    public async Task<Note> AddAsync(string body, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO notes(body, created_at) VALUES ($body, $at) RETURNING id, body, created_at";
        command.Parameters.AddWithValue("$body", body);
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Note(reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
    }
}

internal sealed record Note(long Id, string Body, string CreatedAt);

internal sealed record NewNote(string? Body);
