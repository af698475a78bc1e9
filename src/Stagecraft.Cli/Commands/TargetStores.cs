namespace Stagecraft.Cli.Commands;

/// <summary>The parameter store and secret store an environment's target provides, for the param and secret verbs.</summary>
internal static class TargetStores
{
    public static T Require<T>(EnvironmentSession session, string what)
        where T : class =>
        session.Target.Services.GetService(typeof(T)) as T
        ?? throw new InvalidInputException($"target '{session.Environment.Target}' of environment '{session.Environment.Name}' has no {what} in this version of stagecraft");
}
