namespace Stagecraft.Local.Agent.Runtime;

/// <summary>What a service learns from its instances: processes to record, instances to take out of and back into rotation.</summary>
internal interface IInstanceObserver
{
    void ProcessStarted(SupervisedInstance instance, InstanceProcess process);

    void ProcessEnded(SupervisedInstance instance, InstanceProcess process);

    /// <summary>A supervised instance exited unexpectedly: no traffic until it is back.</summary>
    void Down(SupervisedInstance instance);

    /// <summary>A restarted instance's process is up (not yet known healthy).</summary>
    void Restarted(SupervisedInstance instance);

    /// <summary>The instance crashed too often in a row and will not be restarted.</summary>
    void CrashLooping(SupervisedInstance instance);
}
