namespace Stagecraft.Core.Kinds;

/// <summary>
/// A driver that deploys one kind of stage. Apply must be idempotent: it looks at what exists
/// before it acts, because a run can be resumed after a failure, Ctrl-C or a crash.
/// </summary>
public abstract class StageKind
{
    public abstract string Name { get; }

    /// <summary>Part of every fingerprint: bump it when the driver deploys differently.</summary>
    public abstract string Version { get; }

    public abstract KindSchema Schema { get; }

    public abstract string Summary { get; }

    /// <summary>Targets this kind can deploy to; null means any.</summary>
    public virtual IReadOnlyList<string>? Targets => null;

    /// <summary>What verbs beyond deploy and destroy can do with this kind's stages.</summary>
    public virtual KindCapabilities Capabilities => KindCapabilities.None;

    /// <summary>How many stages of this kind may run at once (e.g. API rate limits); null means no cap.</summary>
    public virtual int? MaxConcurrency => null;

    /// <summary>Names of outputs this kind always produces, for validation of references. Null: unknown until deployed.</summary>
    public virtual IReadOnlyList<string>? KnownOutputs => null;

    /// <summary>
    /// Files the kind reads because of its settings (a migrations directory, a template, a build
    /// context), as globs relative to the project (absolute paths inside it are accepted; outside it
    /// they are left to 'inputs'). Their content joins the fingerprint exactly like the stage's own 'inputs', so a
    /// new or changed file makes the stage deploy again without the user having to list it.
    /// </summary>
    public virtual IEnumerable<string> InputPatterns(ResolvedMap settings, string projectDirectory) => [];

    public virtual void Validate(StageDefinition stage, KindValidationContext context)
    {
    }

    /// <summary>
    /// For 'plan --remote': asks the remote side what a deploy would change, without changing
    /// anything. Null when the kind cannot tell.
    /// </summary>
    public virtual Task<RemoteChanges?> DescribeRemoteChangesAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<RemoteChanges?>(null);

    public abstract Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken);

    public virtual Task DestroyAsync(StageContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
