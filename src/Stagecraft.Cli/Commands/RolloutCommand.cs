namespace Stagecraft.Cli.Commands;

/// <summary>
/// stagecraft rollout status|promote|abort STAGE: looks at or ends a service's rollout in progress. It talks to the
/// agent that runs the rollout directly and takes no lock, so it works while the deploy that started it holds
/// the environment's lock.
/// </summary>
internal sealed class RolloutCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("rollout", "Show, promote or abort the progressive rollout of a service stage.");
        command.Add(Verb(cli, "status", AgentProtocol.RolloutStatus, "Show the rollout in progress (or the live release's last one), step by step."));
        command.Add(Verb(cli, "promote", AgentProtocol.RolloutPromote, "Send every new request to the new release now, skipping the remaining steps."));
        command.Add(Verb(cli, "abort", AgentProtocol.RolloutAbort, "Send every new request back to the previous release now and stop the new one."));
        return command;
    }

    private static Command Verb(CliContext cli, string name, string type, string description)
    {
        var common = new CommonOptions();
        var stage = new Argument<string>("stage") { Description = "The service stage" };
        var command = new Command(name, description);
        common.AddTo(command);
        command.Add(stage);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            var stageName = result.GetValue(stage)!;
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var definition = session.Project.FindStage(stageName)
                ?? throw new InvalidInputException($"the project has no stage '{stageName}'", $"stages: {string.Join(", ", session.Project.Stages.Select(s => s.Name))}");
            if (!session.Catalog.Has(definition.Kind, KindCapabilities.HostedService))
            {
                throw new InvalidInputException($"'{stageName}' is a {definition.Kind} stage; rollouts are of service stages");
            }

            var agent = session.Target.Services.GetService(typeof(AgentConnector)) as AgentConnector
                ?? throw new InvalidInputException($"target '{session.Environment.Target}' runs no host agent");
            var id = ServiceId.Of(session.Project.Name, session.Environment.Name, stageName);
            AgentMessage answer;
            try
            {
                answer = await agent.Client.SendAsync(new AgentRequest { Type = type, ServiceId = id }, null, ct).ConfigureAwait(false);
            }
            catch (AgentNotRunningException ex)
            {
                throw new StageFailedException($"no agent is running, so no rollout of {stageName} is either", inner: ex);
            }

            if (answer.Type == AgentProtocol.Error || answer.Rollout is null)
            {
                throw new StageFailedException(answer.Error ?? "the agent answered without a rollout", hint: answer.Hint);
            }

            if (answer.Text is not null)
            {
                cli.Out.WriteLine(answer.Text);
            }

            Print(cli, stageName, answer.Rollout);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(CliContext cli, string stage, RolloutReport report)
    {
        var where = report.State == RolloutReport.Running ? $"running, {report.Percent}% of new requests to {report.Release}" : report.State;
        cli.Out.WriteLine($"{stage}: rollout of {report.Release} (from {report.Previous}): {where}");
        foreach (var step in report.Steps)
        {
            cli.Out.WriteLine("  step " + step.Describe());
        }

        if (report.Decision is not null)
        {
            cli.Out.WriteLine("  " + report.Decision);
        }
    }
}
