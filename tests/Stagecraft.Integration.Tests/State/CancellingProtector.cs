using Stagecraft.Core.Secrets;

namespace Stagecraft.Integration.Tests.State;

/// <summary>Cancels the write it is part of while the record is being serialised, after the write began.</summary>
internal sealed class CancellingProtector : IValueProtector
{
    private readonly CancellationTokenSource _cancel;

    public CancellingProtector(CancellationTokenSource cancel)
    {
        _cancel = cancel;
    }

    public string Protect(string plaintext)
    {
        _cancel.Cancel();
        return "enc:opaque";
    }

    public string Unprotect(string protectedValue) => throw new NotSupportedException();
}
