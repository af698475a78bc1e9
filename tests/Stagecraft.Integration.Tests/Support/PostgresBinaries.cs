namespace Stagecraft.Integration.Tests.Support;

/// <summary>
/// Finds initdb and pg_ctl: $STAGECRAFT_TEST_POSTGRES_BIN, else the newest /usr/lib/postgresql/*/bin,
/// else initdb on PATH. Missing binaries fail the tests loudly — a silent skip would hide that
/// nothing was tested.
/// </summary>
internal static class PostgresBinaries
{
    public const string Variable = "STAGECRAFT_TEST_POSTGRES_BIN";

    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            return HasServer(configured)
                ? configured
                : throw new InvalidOperationException($"{Variable}={configured}, but initdb and pg_ctl are not there");
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => HasServer(d.Dir))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return newest.Dir;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = Path.Combine(dir, "initdb");
            if (File.Exists(initdb))
            {
                var real = Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb)!;
                if (HasServer(real))
                {
                    return real;
                }
            }
        }

        throw new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, pg_ctl) were not found: install them (apt-get install postgresql; scripts/test-deps.sh does) or set {Variable} to their directory");
    }

    private static bool HasServer(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
}
