namespace Stagecraft.Aws.CloudFormation;

/// <summary>
/// Follows a stack until it settles: new resource events go to the stage log as they appear,
/// the status line shows the stack status, and failed events are kept for the report.
/// </summary>
internal sealed class StackMonitor(ICloudFormation cfn, IStageLog log, TimeProvider time, TimeSpan interval)
{
    private readonly IStageLog _log = log;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<StackEvent> _failures = [];

    /// <summary>Failed resource events seen since <see cref="MarkSeenAsync"/>, oldest first.</summary>
    public IReadOnlyList<StackEvent> Failures => _failures;

    /// <summary>Remembers the events that exist now, so only what this run causes is shown.</summary>
    public async Task MarkSeenAsync(StackName stack, CancellationToken cancellationToken)
    {
        foreach (var item in await cfn.DescribeStackEventsAsync(stack, cancellationToken).ConfigureAwait(false))
        {
            _seen.Add(item.EventId);
        }
    }

    /// <summary>Waits until the stack is no longer in progress; null when it is gone.</summary>
    public async Task<StackDescription?> WaitAsync(StackName stack, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Status first, events second: a settled status then comes with every event that led to it.
            var description = await cfn.DescribeStackAsync(stack, cancellationToken).ConfigureAwait(false);
            if (description is null)
            {
                return null;
            }

            await StreamAsync(stack, cancellationToken).ConfigureAwait(false);
            _log.Status($"{stack}: {description.Status}");
            if (!description.InProgress)
            {
                return description;
            }

            await Wait.Between(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StreamAsync(StackName stack, CancellationToken cancellationToken)
    {
        IReadOnlyList<StackEvent> events;
        try
        {
            events = await cfn.DescribeStackEventsAsync(stack, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsException ex) when (ex.Is("ValidationError"))
        {
            return; // deleted between the two calls
        }

        foreach (var item in events.Where(e => !_seen.Contains(e.EventId)).Reverse())
        {
            _seen.Add(item.EventId);
            var reason = string.IsNullOrEmpty(item.Reason) ? "" : "  " + item.Reason;
            _log.Line($"{item.Timestamp.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}  {item.Status,-28} {item.ResourceType,-32} {item.LogicalId}{reason}");
            if (item.IsFailure)
            {
                _failures.Add(item);
            }
        }
    }

    /// <summary>The FAILED events as report lines: resource, type, status and AWS's reason.</summary>
    public IReadOnlyList<string> FailureDetails() =>
        _failures.Select(f => $"{f.LogicalId} ({f.ResourceType}): {f.Status}: {f.Reason ?? "no reason given"}").ToList();
}
