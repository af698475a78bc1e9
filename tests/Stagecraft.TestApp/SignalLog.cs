using System.Globalization;
using System.Runtime.InteropServices;

namespace Stagecraft.TestApp;

/// <summary>Records when SIGTERM arrives (for drain-order tests) or ignores it altogether (for stop_timeout tests).</summary>
internal static partial class SignalLog
{
    private static PosixSignalRegistration? _registration;

    public static void Register(string? path)
    {
        if (path is null)
        {
            return;
        }

        _registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ =>
            File.AppendAllText(path, $"SIGTERM {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)} pid {Environment.ProcessId}\n"));
    }

    /// <summary>Tells the kernel to drop SIGTERM, so only SIGKILL ends us.</summary>
    public static void IgnoreSigterm() => Signal(15, 1);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint Signal(int signal, nint handler);
}
