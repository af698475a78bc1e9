namespace Stagecraft.Aws.CloudFormation;

/// <summary>Creates a change set for a stack and waits until CloudFormation has computed it.</summary>
internal sealed class ChangeSets(ICloudFormation cfn, StageContext context, CloudFormationSettings settings, TimeSpan interval)
{
    public async Task<ChangeSetDescription> CreateAsync(string name, bool create, CancellationToken cancellationToken) =>
        await WaitAsync(await StartAsync(name, create, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Asks CloudFormation for the change set; its id comes back before it is computed.</summary>
    public async Task<ChangeSetArn> StartAsync(string name, bool create, CancellationToken cancellationToken)
    {
        using var parameters = ParametersFile.Write(context.StageDirectory, settings.Parameters);
        context.Log.Status($"creating change set {name}");
        return await cfn.CreateChangeSetAsync(new ChangeSetRequest(settings.Stack, name, create, settings.TemplatePath, parameters.Path,
            settings.Capabilities, settings.Tags), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls until CloudFormation has computed the change set (or failed to).</summary>
    public async Task<ChangeSetDescription> WaitAsync(ChangeSetArn arn, CancellationToken cancellationToken)
    {
        while (true)
        {
            var description = await cfn.DescribeChangeSetAsync(arn, cancellationToken).ConfigureAwait(false);
            if (!description.Pending)
            {
                return description;
            }

            await Wait.Between(interval, context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    public static IEnumerable<string> Describe(ChangeSetDescription changeSet) =>
        changeSet.Changes.Select(c => $"  {c.Action,-8} {c.ResourceType,-32} {c.LogicalId}{(c.Replacement is "True" or "Conditional" ? $"  (replacement: {c.Replacement})" : "")}");
}
