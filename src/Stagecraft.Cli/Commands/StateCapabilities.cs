namespace Stagecraft.Cli.Commands;

/// <summary>The optional abilities of a state store, with a clear error where its backend lacks one.</summary>
internal static class StateCapabilities
{
    public static IStateTransfer Transfer(EnvironmentSession session) =>
        session.State as IStateTransfer ?? throw new StagecraftException(
            $"the state backend of environment '{session.Environment.Name}' ({session.State.Description}) cannot export or import state", ExitCodes.InvalidInput);

    public static IStateVersions Versions(EnvironmentSession session) =>
        session.State as IStateVersions ?? throw new StagecraftException(
            $"the state backend of environment '{session.Environment.Name}' ({session.State.Description}) keeps no earlier versions of state",
            ExitCodes.InvalidInput,
            "the s3 backend does (docs/state.md); for a sqlite file, keep copies of it, or 'stagecraft state pull' before risky changes");
}
