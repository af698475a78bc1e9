using Npgsql;

namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// postgres://user@host:port/database[?sslmode=…] (or postgresql://). The password comes from the
/// 'password' setting (usually ${secret:…}); one written into the URL also works but is discouraged.
/// </summary>
internal sealed record PostgresLocation(string Host, int Port, string Database, string User, string? Password, SslMode? SslMode) : DatabaseLocation
{
    private const int DefaultPort = 5432;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public override string Display => $"postgres://{Uri.EscapeDataString(User)}@{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}/{Uri.EscapeDataString(Database)}";

    public override bool AllowsSchemaInTableName => true;

    public static bool Matches(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the URL; errors never repeat the URL itself, which may hold a password.</summary>
    public static PostgresLocation Parse(string text, string? password)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw Invalid("it is not a valid URL");
        }

        var userInfo = uri.UserInfo;
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        var urlPassword = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        if (user.Length == 0)
        {
            throw Invalid("it names no user (postgres://USER@host:port/database)");
        }

        if (urlPassword is not null && password is not null)
        {
            throw Invalid("it has a password and 'password' is set too; give it once, with 'password: ${secret:NAME}'");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw Invalid("it names no database (postgres://user@host:port/DATABASE)");
        }

        return new PostgresLocation(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, database, user, password ?? urlPassword, ParseQuery(uri.Query));
    }

    public override IMigrationDatabase Open(HistoryTable table, TimeSpan timeout) => new PostgresMigrationDatabase(ConnectionString(timeout), Display, table);

    public string ConnectionString(TimeSpan timeout)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = Database,
            Username = User,
            Pooling = false,
            ApplicationName = "stagecraft",
            Timeout = (int)Math.Clamp(Math.Min(timeout.TotalSeconds, ConnectTimeout.TotalSeconds), 1, 1024),
            CommandTimeout = 0,
            IncludeErrorDetail = true,
        };
        if (Password is not null)
        {
            builder.Password = Password;
        }

        if (SslMode is { } ssl)
        {
            builder.SslMode = ssl;
        }

        return builder.ConnectionString;
    }

    private static SslMode? ParseQuery(string query)
    {
        SslMode? ssl = null;
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (key != "sslmode")
            {
                throw Invalid($"it has the unknown option '{key}' (supported: sslmode)");
            }

            ssl = value.ToLowerInvariant() switch
            {
                "disable" => Npgsql.SslMode.Disable,
                "allow" => Npgsql.SslMode.Allow,
                "prefer" => Npgsql.SslMode.Prefer,
                "require" => Npgsql.SslMode.Require,
                "verify-ca" => Npgsql.SslMode.VerifyCA,
                "verify-full" => Npgsql.SslMode.VerifyFull,
                _ => throw Invalid(string.Create(CultureInfo.InvariantCulture, $"sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full")),
            };
        }

        return ssl;
    }

    private static StageFailedException Invalid(string why) =>
        new($"'database' is not a usable PostgreSQL URL: {why}", hint: "write postgres://user@host:port/database and give the password with 'password: ${secret:NAME}'");
}
