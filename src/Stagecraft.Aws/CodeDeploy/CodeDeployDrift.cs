namespace Stagecraft.Aws.CodeDeploy;

/// <summary>A codedeploy stage's drift: the group must exist and its last successful deployment must be the one state recorded.</summary>
internal static class CodeDeployDrift
{
    public static async Task<DriftResult> CheckAsync(StageContext context, CancellationToken cancellationToken)
    {
        var application = context.Settings.RequiredString("application");
        var group = context.Settings.RequiredString("deployment_group");
        var recorded = context.Previous?.Outputs.GetValueOrDefault("deployment_id")?.Value;
        var aws = AwsStage.Environment(context);
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        var last = await aws.CodeDeploy.LastSuccessfulDeploymentAsync(application, group, cancellationToken).ConfigureAwait(false);
        if (last is null)
        {
            return new DriftResult.Gone($"deployment group {application}/{group} does not exist");
        }

        if (recorded is null || last == recorded)
        {
            return DriftResult.Same;
        }

        return DriftResult.Differs(last.Length == 0
            ? $"deployment group {application}/{group} has no successful deployment (state recorded {recorded})"
            : $"the last successful deployment of {application}/{group} is {last}, not {recorded}: another revision went out outside stagecraft");
    }
}
