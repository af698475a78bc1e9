namespace Stagecraft.Local.Agent.Acme;

/// <summary>An ACME order that failed: the server's problem document (RFC 7807) when it sent one.</summary>
public sealed class AcmeException : Exception
{
    public AcmeException(string message, string? problemType = null, string? problemDetail = null, Exception? inner = null)
        : base(message, inner)
    {
        ProblemType = problemType;
        ProblemDetail = problemDetail;
    }

    /// <summary>For example <c>urn:ietf:params:acme:error:rejectedIdentifier</c>.</summary>
    public string? ProblemType { get; }

    public string? ProblemDetail { get; }
}
