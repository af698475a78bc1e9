namespace Stagecraft.Core.State;

/// <summary>
/// A store that keeps the processes stages are running (<see cref="StageProcess"/>), so that the run
/// that takes over a crashed run's lock can end them before it starts anything, or (on another host)
/// name the stages that may still run there. An entry lives from the process's start to its end.
/// </summary>
public interface IProcessLedger
{
    Task RecordProcessAsync(StageProcess process, CancellationToken cancellationToken);

    Task ForgetProcessesAsync(IReadOnlyList<StageProcess> processes, CancellationToken cancellationToken);

    Task<IReadOnlyList<StageProcess>> ListProcessesAsync(CancellationToken cancellationToken);
}
