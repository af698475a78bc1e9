namespace Stagecraft.Local.Agent.Control;

/// <summary>Routes each request type to the registry.</summary>
internal sealed class RequestDispatcher(ServiceRegistry registry, DateTimeOffset startedAt, Action shutdown)
{
    public async Task HandleAsync(AgentRequest request, ConnectionWriter writer)
    {
        switch (request.Type)
        {
            case AgentProtocol.Status:
                writer.Write(new AgentMessage { Type = AgentProtocol.Result, Agent = registry.Status(startedAt) });
                return;
            case AgentProtocol.Release:
                await registry.ReleaseAsync(request, writer).ConfigureAwait(false);
                return;
            case AgentProtocol.Rollback:
                await registry.RollbackAsync(request, writer).ConfigureAwait(false);
                return;
            case AgentProtocol.Abort:
                registry.Abort(request, writer);
                return;
            case AgentProtocol.RolloutStatus or AgentProtocol.RolloutPromote or AgentProtocol.RolloutAbort:
                await registry.RolloutAsync(request, writer).ConfigureAwait(false);
                return;
            case AgentProtocol.StopService:
                await registry.StopServiceAsync(request, writer).ConfigureAwait(false);
                return;
            case AgentProtocol.Shutdown:
                writer.Write(AgentMessage.Ok());
                shutdown();
                return;
            default:
                writer.Write(AgentMessage.Failed($"unknown request '{request.Type}'"));
                return;
        }
    }
}
