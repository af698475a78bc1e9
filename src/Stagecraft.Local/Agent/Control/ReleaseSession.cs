namespace Stagecraft.Local.Agent.Control;

/// <summary>
/// The client side of a release or rollback: streams the agent's progress to the caller, and on
/// cancellation (Ctrl-C) asks the agent to abort, so green is stopped and blue keeps serving.
/// </summary>
public static class ReleaseSession
{
    private static readonly TimeSpan AbortWait = TimeSpan.FromSeconds(120);

    public static async Task<ReleaseOutcome> RunAsync(AgentClient client, AgentRequest request, string serviceId, IStageLog log, CancellationToken cancellationToken)
    {
        var pending = client.SendAsync(request, message =>
        {
            if (message.Type == AgentProtocol.Progress)
            {
                log.Status(message.Text ?? "");
            }
            else
            {
                log.Line(message.Text ?? "");
            }
        }, CancellationToken.None);

        AgentMessage answer;
        try
        {
            answer = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Line("# interrupted: asking the agent to abort the release (it stops green before the switch; blue keeps serving)");
            try
            {
                await client.SendAsync(new AgentRequest { Type = AgentProtocol.Abort, ServiceId = serviceId }, null, CancellationToken.None).ConfigureAwait(false);
                var after = await pending.WaitAsync(AbortWait, CancellationToken.None).ConfigureAwait(false);
                log.Line("# " + (after.Error ?? $"the release had passed its switch and completed: {after.Release?.Release} is live"));
            }
            catch (TimeoutException)
            {
                log.Line("# the agent did not confirm the abort in time; see its log");
            }
            catch (Exception ex)
            {
                // Whatever the agent answers now, the user interrupted: that is the outcome (exit 130), not a stage failure.
                log.Line("# the agent's answer to the abort: " + ex.Message);
            }

            throw;
        }

        if (answer.Type == AgentProtocol.Error && answer.InvalidInput)
        {
            throw new StagecraftException(answer.Error ?? "the agent refused the release", ExitCodes.InvalidInput, answer.Hint);
        }

        if (answer.Type == AgentProtocol.Error || answer.Release is null)
        {
            throw new StageFailedException(answer.Error ?? "the agent answered without a release", answer.Details, answer.Hint);
        }

        return answer.Release;
    }
}
