namespace Stagecraft.Core.Engine;

/// <summary>How one scheduled node ended, as the scheduler needs to know it.</summary>
public enum NodeState
{
    /// <summary>Done; its dependents may start.</summary>
    Succeeded,
    /// <summary>Failed; its dependents are skipped and, without keep-going, nothing new starts.</summary>
    Failed,
    /// <summary>Waiting for approval; its dependents are skipped, other branches go on.</summary>
    Waiting,
    /// <summary>Cancelled part-way.</summary>
    Interrupted,
}
