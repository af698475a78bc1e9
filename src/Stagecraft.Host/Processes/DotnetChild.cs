using System.ComponentModel;

namespace Stagecraft.Host.Processes;

/// <summary>A child started by <see cref="Process"/>: where no session of its own is wanted, or the platform has no posix_spawn with setsid.</summary>
internal sealed class DotnetChild : IChildProcess
{
    private readonly Process _process;

    private DotnetChild(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public StreamWriter StandardInput => _process.StandardInput;

    public StreamReader StandardOutput => _process.StandardOutput;

    public StreamReader StandardError => _process.StandardError;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static DotnetChild Start(ProcessStartInfo info)
    {
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
            return new DotnetChild(process);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exited between the check and the signal, or not ours to kill.
        }
    }

    public void Dispose() => _process.Dispose();
}
