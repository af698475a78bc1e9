namespace Stagecraft.Core.Secrets;

/// <summary>Encrypts values that must be stored but never in the clear (sensitive outputs in state).</summary>
public interface IValueProtector
{
    string Protect(string plaintext);

    string Unprotect(string protectedValue);
}
