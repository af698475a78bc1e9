namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft agent status: the agent and every service it runs, with their instances. Exit 1 when no agent runs.</summary>
internal sealed class AgentStatusCommand
{
    public static Command Create(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("status", "Show the host agent and the services it runs.");
        command.Add(json);
        command.SetAction(async (result, ct) =>
        {
            var client = new AgentClient(AgentHome.Resolve(cli.Environment));
            var status = await client.TryStatusAsync(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            if (status is null)
            {
                cli.Error.WriteLine($"no agent is running (socket {client.Home.SocketPath})");
                return ExitCodes.StageFailed;
            }

            if (result.GetValue(json))
            {
                Json.Write(cli.Out, status);
                return ExitCodes.Success;
            }

            cli.Out.WriteLine($"agent pid {status.Pid}, up since {status.StartedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss} (socket {status.Socket}, data {status.DataDirectory})");
            if (status.Services.Count == 0)
            {
                cli.Out.WriteLine("no services");
            }

            foreach (var service in status.Services)
            {
                var releasing = service.Releasing is null ? "" : $", {service.Releasing} in progress";
                cli.Out.WriteLine($"{service.Id}: {service.State} on {service.Listen}, live {service.Release ?? "-"} (revision {service.Revision ?? "-"}), kept {string.Join(" ", service.KeptReleases)}{releasing}");
                if (service.Reason is not null)
                {
                    cli.Out.WriteLine($"  {service.Reason}");
                }

                foreach (var instance in service.Instances)
                {
                    cli.Out.WriteLine($"  instance {instance.Index}: {instance.State}, pid {instance.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, port {instance.Port}, {instance.Restarts} restarts{(instance.LastExit is null ? "" : ", last " + instance.LastExit)}; log {instance.LogFile}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
