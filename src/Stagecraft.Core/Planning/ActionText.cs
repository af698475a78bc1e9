namespace Stagecraft.Core.Planning;

public static class ActionText
{
    public static string Of(StageAction action) => action switch
    {
        StageAction.Create => "create",
        StageAction.Update => "update",
        StageAction.NoChange => "no-change",
        StageAction.Pending => "pending",
        StageAction.Destroy => "destroy",
        _ => action.ToString(),
    };

    public static string Of(StageResult result) => result switch
    {
        StageResult.Succeeded => "succeeded",
        StageResult.Unchanged => "unchanged",
        StageResult.Failed => "failed",
        StageResult.Skipped => "skipped",
        StageResult.Waiting => "waiting",
        StageResult.Interrupted => "interrupted",
        StageResult.Destroyed => "destroyed",
        _ => result.ToString(),
    };
}
