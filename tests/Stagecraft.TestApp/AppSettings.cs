using System.Globalization;

namespace Stagecraft.TestApp;

/// <summary>Everything the tests control, read from the environment once.</summary>
internal sealed record AppSettings
{
    public int ListenPort { get; init; }

    public string Version { get; init; } = "v1";

    public string Instance { get; init; } = "?";

    /// <summary>HEALTH: ok, fail, fail-for:SECONDS (since start), fail-after:N (checks), fail-until:PATH (that file exists), redirect.</summary>
    public string Health { get; init; } = "ok";

    public int RootStatus { get; init; } = 200;

    /// <summary>FAIL_EVERY=N: every N-th request to / answers 500 (5 fails 20%).</summary>
    public int FailEvery { get; init; }

    public TimeSpan StartDelay { get; init; }

    public TimeSpan RequestDelay { get; init; }

    public TimeSpan? CrashAfter { get; init; }

    public bool CrashAtStart { get; init; }

    public bool IgnoreSigterm { get; init; }

    public string? EventLog { get; init; }

    /// <summary>REQUEST_LOG=1: print a line for every request to /, with the time since start.</summary>
    public bool RequestLog { get; init; }

    public static AppSettings FromEnvironment()
    {
        var port = int.Parse(Read("PORT") ?? "5000", CultureInfo.InvariantCulture);
        var crashFile = Read("CRASH_IF_EXISTS");
        return new AppSettings
        {
            // WRONG_PORT=N: listen on port N instead of the one the agent gave, so health checks never reach us.
            ListenPort = int.TryParse(Read("WRONG_PORT"), CultureInfo.InvariantCulture, out var wrong) ? wrong : port,
            Version = Read("APP_VERSION") ?? "v1",
            Instance = Read("STAGECRAFT_INSTANCE") ?? "?",
            Health = Read("HEALTH") ?? "ok",
            RootStatus = int.Parse(Read("ROOT_STATUS") ?? "200", CultureInfo.InvariantCulture),
            FailEvery = int.Parse(Read("FAIL_EVERY") ?? "0", CultureInfo.InvariantCulture),
            StartDelay = Millis("START_DELAY_MS") ?? TimeSpan.Zero,
            RequestDelay = Millis("REQUEST_DELAY_MS") ?? TimeSpan.Zero,
            CrashAfter = Millis("CRASH_AFTER_MS"),
            CrashAtStart = crashFile is not null && File.Exists(crashFile),
            IgnoreSigterm = Read("IGNORE_SIGTERM") == "1",
            EventLog = Read("EVENT_LOG"),
            RequestLog = Read("REQUEST_LOG") == "1",
        };
    }

    private static string? Read(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static TimeSpan? Millis(string name) =>
        Read(name) is { } text ? TimeSpan.FromMilliseconds(int.Parse(text, CultureInfo.InvariantCulture)) : null;
}
