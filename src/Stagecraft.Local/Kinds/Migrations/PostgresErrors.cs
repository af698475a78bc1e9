using Npgsql;

namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>Turns Npgsql failures into messages an operator can act on.</summary>
internal static class PostgresErrors
{
    public static StageFailedException CannotConnect(string display, Exception ex)
    {
        var (reason, hint) = ex switch
        {
            PostgresException { SqlState: "28P01" or "28000" } pg => (pg.MessageText,
                "check the user and the password (usually ${secret:…}: stagecraft secret set NAME -e ENV)"),
            PostgresException { SqlState: "3D000" } pg => (pg.MessageText, "create the database first; migrations create tables, not databases"),
            PostgresException pg => ($"{pg.SqlState}: {pg.MessageText}", null),
            _ when Find<SocketException>(ex) is { SocketErrorCode: SocketError.ConnectionRefused } => ("connection refused",
                "is PostgreSQL running and listening on that host and port?"),
            _ when Find<SocketException>(ex) is { } socket => (socket.Message, "check the host and port, and that the server is reachable"),
            _ when Find<TimeoutException>(ex) is not null => ("timed out while connecting", "is the server up and reachable?"),
            _ when ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase) => (ex.Message,
                "give the password with 'password: ${secret:NAME}'"),
            _ => (ex.Message, (string?)null),
        };
        return new StageFailedException($"cannot connect to {display}: {reason}", hint: hint, inner: ex);
    }

    /// <summary>"42601: syntax error at or near "CREAT"", with the server's detail and hint when it gives them.</summary>
    public static string Describe(PostgresException ex)
    {
        var text = $"{ex.SqlState}: {ex.MessageText}";
        if (!string.IsNullOrEmpty(ex.Detail))
        {
            text += $" ({ex.Detail})";
        }

        if (!string.IsNullOrEmpty(ex.Hint))
        {
            text += $"; hint: {ex.Hint}";
        }

        return text;
    }

    private static T? Find<T>(Exception? ex)
        where T : Exception
    {
        while (ex is not null)
        {
            if (ex is T found)
            {
                return found;
            }

            ex = ex.InnerException;
        }

        return null;
    }
}
