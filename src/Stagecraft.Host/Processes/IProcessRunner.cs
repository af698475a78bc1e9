namespace Stagecraft.Host.Processes;

/// <summary>Starts programs for kinds; a seam so kinds can be tested without real processes.</summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs <paramref name="spec"/> to its end, passing every output line to <paramref name="onLine"/>
    /// as it arrives (never two calls at once). A missing program fails with a
    /// <see cref="Stagecraft.Core.Kinds.StageFailedException"/>; cancellation stops the whole
    /// process tree and then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<ProcessResult> RunAsync(ProcessSpec spec, Action<ProcessLine> onLine, CancellationToken cancellationToken);
}
