namespace Stagecraft.Local.Agent.Acme;

/// <summary>An ACME order that failed: the server's problem document (RFC 7807) when it sent one.</summary>
public sealed class AcmeException(string message, string? problemType = null, string? problemDetail = null, Exception? inner = null) : Exception(message, inner)
{
    public AcmeException(string message, string? problemType, string? problemDetail, IReadOnlyList<AcmeSubproblem> subproblems, Exception? inner = null)
        : this(message, problemType, problemDetail, inner)
    {
        Subproblems = subproblems;
    }

    /// <summary>For example <c>urn:ietf:params:acme:error:rejectedIdentifier</c>.</summary>
    public string? ProblemType { get; } = problemType;

    public string? ProblemDetail { get; } = problemDetail;

    /// <summary>The problem document's per-identifier problems (RFC 8555 section 6.7.1), empty when it had none.</summary>
    public IReadOnlyList<AcmeSubproblem> Subproblems { get; } = [];
}

/// <summary>One entry of a problem document's <c>subproblems</c>: what went wrong for one identifier.</summary>
public sealed record AcmeSubproblem(string? Identifier, string? Type, string? Detail);
