namespace Stagecraft.Host;

/// <summary>Who is deploying, as approvals and migration history name them: user@host.</summary>
public static class OperatorName
{
    /// <summary>From the run's host when the target gives one (tests give a fake), else this process's user and machine.</summary>
    public static string Of(StageContext context) =>
        context.Services.GetService(typeof(IHostInfo)) is IHostInfo host
            ? $"{host.UserName}@{host.HostName}"
            : $"{Environment.UserName}@{Environment.MachineName}";
}
