namespace Stagecraft.Local.Agent.Protocol;

/// <summary>A service's identity on a host: project/environment/stage.</summary>
public static class ServiceId
{
    public static string Of(string project, string environment, string stage) => $"{project}/{environment}/{stage}";
}
