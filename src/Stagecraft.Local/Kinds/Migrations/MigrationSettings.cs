namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>A migrations stage's settings, checked. Any password found is registered with the masker at once.</summary>
internal sealed record MigrationSettings(DatabaseLocation Database, string Directory, bool OutOfOrder, HistoryTable Table, TimeSpan Timeout)
{
    public const string DefaultDirectory = "migrations";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    public static MigrationSettings From(StageContext context)
    {
        var settings = context.Settings;
        var password = settings.Scalar("password");
        if (password is not null)
        {
            context.Masker.Add(password.Value);
        }

        var databaseScalar = settings.Scalar("database") ?? throw new StageFailedException("setting 'database' is required");
        var database = ParseDatabase(context, databaseScalar, password?.Value);
        if (database is PostgresLocation { Password: { } found })
        {
            context.Masker.Add(found);
        }

        var directory = context.ResolvePath(settings.Scalar("directory") ?? new ResolvedScalar(DefaultDirectory, false, settings.Location));
        var table = HistoryTable.Parse(settings.String("table") ?? HistoryTable.Default, database.AllowsSchemaInTableName);
        var timeout = settings.Duration("timeout") ?? DefaultTimeout;
        return new MigrationSettings(database, directory, settings.Boolean("out_of_order") ?? false, table, timeout);
    }

    private static DatabaseLocation ParseDatabase(StageContext context, ResolvedScalar database, string? password)
    {
        var text = database.Value;
        if (text.StartsWith(SqliteLocation.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            if (password is not null)
            {
                throw new StageFailedException("'password' is set, but a SQLite database has no password", hint: "remove 'password'");
            }

            var relative = text[SqliteLocation.Scheme.Length..];
            if (relative.Length == 0)
            {
                throw new StageFailedException($"{database.Location}: 'database' names no file", hint: "write sqlite:data/app.db");
            }

            var path = context.ResolvePath(database with { Value = relative });
            return new SqliteLocation(path, MigrationDirectory.Display(path, context.ProjectDirectory));
        }

        if (PostgresLocation.Matches(text))
        {
            return PostgresLocation.Parse(text, password);
        }

        // Show only the scheme: the rest may be a connection string with a password in it.
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 && colon < 20 ? $"'{text[..(colon + 1)]}…'" : "this value";
        throw new StageFailedException($"{database.Location}: 'database' must start with sqlite: or postgres://, not {scheme}",
            hint: "write sqlite:data/app.db or postgres://user@host:5432/dbname");
    }
}
