namespace Stagecraft.Local.Agent;

/// <summary>
/// The agent's log: agent.log in its data directory (rotated by size), and the console when it runs in
/// the foreground. Frameworks' own chatter (Kestrel) only from warnings up.
/// </summary>
internal sealed class AgentLogProvider(string path, TextWriter? console) : ILoggerProvider
{
    private readonly RotatingLog _file = new RotatingLog(path, 10 * 1024 * 1024, 3);
    private readonly TextWriter? _console = console;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName.StartsWith("Stagecraft", StringComparison.Ordinal) ? LogLevel.Information : LogLevel.Warning);

    public void Dispose() => _file.Dispose();

    private void Write(LogLevel level, string text)
    {
        var tag = level switch
        {
            LogLevel.Warning => "warn:",
            LogLevel.Error or LogLevel.Critical => "error:",
            _ => "",
        };
        var line = tag.Length == 0 ? text : tag + " " + text;
        _file.Write(line);
        _console?.WriteLine(line);
    }

    private sealed class Logger(AgentLogProvider provider, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var text = formatter(state, exception);
            provider.Write(logLevel, exception is null ? text : $"{text}: {exception}");
        }
    }
}
