using System.Globalization;
using System.Runtime.InteropServices;

namespace Stagecraft.TestApp;

/// <summary>
/// Appends "EVENT unix-ms pid PID" lines to the file named by EVENT_LOG (SIGTERM arrivals, slow requests
/// starting and finishing), so tests can order what the app saw; or ignores SIGTERM altogether.
/// </summary>
internal static partial class EventLog
{
    private static readonly Lock Gate = new();
    private static string? _path;
    private static PosixSignalRegistration? _registration;

    public static void Register(string? path)
    {
        _path = path;
        if (path is not null)
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Write("SIGTERM"));
        }
    }

    public static void Write(string name)
    {
        if (_path is null)
        {
            return;
        }

        // One writer at a time: concurrent appends from this process could otherwise collide.
        lock (Gate)
        {
            File.AppendAllText(_path, $"{name} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)} pid {Environment.ProcessId}\n");
        }
    }

    /// <summary>Tells the kernel to drop SIGTERM, so only SIGKILL ends us.</summary>
    public static void IgnoreSigterm() => Signal(15, 1);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint Signal(int signal, nint handler);
}
