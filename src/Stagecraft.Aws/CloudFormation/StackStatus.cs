namespace Stagecraft.Aws.CloudFormation;

/// <summary>What a stack status means for a deploy.</summary>
internal static class StackStatus
{
    public const string RollbackComplete = "ROLLBACK_COMPLETE";
    public const string ReviewInProgress = "REVIEW_IN_PROGRESS";

    /// <summary>Still changing; wait. REVIEW_IN_PROGRESS is settled: it waits for a change set to be executed.</summary>
    public static bool InProgress(string status) => status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal) && status != ReviewInProgress;

    public static bool Succeeded(string status) => status is "CREATE_COMPLETE" or "UPDATE_COMPLETE" or "IMPORT_COMPLETE";

    /// <summary>A failed create leaves this; it can only be deleted.</summary>
    public static bool IsDeadOnArrival(string status) => status is RollbackComplete or "ROLLBACK_FAILED" or "CREATE_FAILED";
}
