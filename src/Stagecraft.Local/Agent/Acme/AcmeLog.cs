namespace Stagecraft.Local.Agent.Acme;

/// <summary>The ACME certificates' log messages (source-generated).</summary>
internal static partial class AcmeLog
{
    [LoggerMessage(150, LogLevel.Information, "ACME: issued a certificate for {Hosts}, valid until {NotAfter:u}, renewal due {Due:u}")]
    public static partial void Issued(ILogger logger, string hosts, DateTimeOffset notAfter, DateTimeOffset due);

    [LoggerMessage(151, LogLevel.Warning, "ACME: renewing the certificate for {Hosts} failed ({Failures} in a row), next try {Next:u}: {Reason}")]
    public static partial void RenewalFailed(ILogger logger, string hosts, int failures, DateTimeOffset next, string reason);

    [LoggerMessage(152, LogLevel.Error, "ACME: a Renewed handler failed for {Hosts}")]
    public static partial void HandlerFailed(ILogger logger, string hosts, Exception exception);

    [LoggerMessage(153, LogLevel.Error, "ACME: the renewal loop stopped; certificates are no longer renewed until the agent restarts")]
    public static partial void RenewalsStopped(ILogger logger, Exception exception);
}
