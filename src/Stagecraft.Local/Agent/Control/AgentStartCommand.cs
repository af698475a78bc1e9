namespace Stagecraft.Local.Agent.Control;

/// <summary>How to start this same stagecraft as an agent: the program and the arguments before "agent".</summary>
public sealed record AgentStartCommand(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// For the running CLI: "dotnet stagecraft.dll" when started through the dotnet host (the dll beside this
    /// code), else its own executable (an apphost, a tool's shim, or the single-file binary, which has no dll).
    /// Null when this process is not a stagecraft CLI (in-process tests), which then cannot start an agent.
    /// </summary>
    public static AgentStartCommand? ForThisProcess(string entryAssemblyFileName)
    {
        var process = Environment.ProcessPath;
        if (process is null)
        {
            return null;
        }

        if (Path.GetFileNameWithoutExtension(process) != "dotnet")
        {
            return new AgentStartCommand(process, []);
        }

        // AppContext.BaseDirectory, not Assembly.Location: the latter is empty inside a single-file bundle.
        var entryAssembly = Path.Combine(AppContext.BaseDirectory, entryAssemblyFileName);
        return File.Exists(entryAssembly) ? new AgentStartCommand(process, [entryAssembly]) : null;
    }
}
