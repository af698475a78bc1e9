namespace Stagecraft.Host.Processes;

/// <summary>How a child ended.</summary>
/// <param name="ExitCode">The exit code; 128 + the signal number when a signal ended it.</param>
/// <param name="TimedOut">The timeout elapsed and the process tree was stopped.</param>
/// <param name="OutputComplete">False when a leftover background process still held the output open and reading stopped.</param>
public sealed record ProcessResult(int ExitCode, bool TimedOut, TimeSpan Duration, bool OutputComplete = true)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;
}
