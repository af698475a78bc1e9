namespace Stagecraft.Aws.Tools;

/// <summary>A tool that failed or timed out, reported with its last lines.</summary>
internal static class ToolFailure
{
    public const int TailLines = 20;

    public static void ThrowIfFailed(ToolResult result, string what, IStageLog log, TimeSpan? timeout = null)
    {
        if (result.Succeeded)
        {
            return;
        }

        var tail = log.Tail(TailLines);
        if (result.TimedOut)
        {
            throw new StageFailedException($"{AwsErrorCode.TimedOut}: {what} timed out after {Core.References.DurationText.Format(timeout ?? TimeSpan.Zero)} and was stopped", tail,
                "raise the stage's 'timeout' if it needs longer");
        }

        throw new StageFailedException($"{AwsErrorCode.ToolFailed}: {what} exited with code {result.ExitCode}", tail);
    }
}
