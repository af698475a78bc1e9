using System.Runtime.InteropServices;

namespace Stagecraft.Cli.Hosting;

/// <summary>
/// Ctrl-C or SIGTERM cancels the run so stages end their processes and the run is recorded as
/// interrupted; a second Ctrl-C exits at once.
/// </summary>
internal sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public SignalCancellation(TextWriter error)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                if (Interlocked.Increment(ref _signals) > 1)
                {
                    error.WriteLine("interrupted again: exiting now");
                    Environment.Exit(130);
                }

                error.WriteLine("interrupting: stopping running stages (Ctrl-C again to exit at once)…");
                _cts.Cancel();
            }));
        }
    }

    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        _registrations.ForEach(r => r.Dispose());
        _cts.Dispose();
    }
}
