namespace Stagecraft.Local.Agent.Control;

/// <summary>How to start this same stagecraft as an agent: the program and the arguments before "agent".</summary>
public sealed record AgentStartCommand(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// For the running CLI: "dotnet stagecraft.dll" when started through the dotnet host, else its own executable.
    /// Null when this process is not a stagecraft CLI (in-process tests), which then cannot start an agent.
    /// </summary>
    public static AgentStartCommand? ForThisProcess(string? entryAssembly)
    {
        var process = Environment.ProcessPath;
        if (process is null || entryAssembly is null)
        {
            return null;
        }

        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? new AgentStartCommand(process, [entryAssembly])
            : new AgentStartCommand(process, []);
    }
}
