namespace Stagecraft.Host.Processes;

/// <summary>A running child with its three pipes, however it was started (see <see cref="SessionChild"/>, <see cref="DotnetChild"/>).</summary>
internal interface IChildProcess : IDisposable
{
    int Id { get; }

    StreamWriter StandardInput { get; }

    StreamReader StandardOutput { get; }

    StreamReader StandardError { get; }

    bool HasExited { get; }

    /// <summary>The exit code, 128 + the signal for a program a signal ended (as a shell reports it).</summary>
    int ExitCode { get; }

    Task WaitForExitAsync(CancellationToken cancellationToken);

    /// <summary>SIGKILL to the child and every descendant still attached to it.</summary>
    void KillTree();
}
