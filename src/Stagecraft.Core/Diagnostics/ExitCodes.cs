namespace Stagecraft.Core.Diagnostics;

/// <summary>The process exit codes of the public interface (DESIGN §3).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int StageFailed = 1;
    public const int InvalidInput = 2;
    public const int Locked = 3;
    public const int WaitingForApproval = 5;
    public const int ChangesPresent = 10;
    public const int Interrupted = 130;
}
