namespace Stagecraft.Aws.State;

/// <summary>State in S3 with the lock (and the pointer to the current version) in DynamoDB (DESIGN §6; docs/state.md).</summary>
public sealed class S3StateBackend : StateBackend
{
    public override string Name => "s3";

    public override KindSchema Schema { get; } = new(
        new FieldSpec("bucket", FieldType.String, "the S3 bucket that holds the state", Required: true),
        new FieldSpec("key_prefix", FieldType.String, "where in the bucket (default: stagecraft); state goes under <key_prefix>/<project>/<environment>/"),
        new FieldSpec("region", FieldType.String, "the bucket's and the table's region (default: the standard AWS region settings)"),
        new FieldSpec("lock_table", FieldType.String, "the DynamoDB table for the lock, with a string partition key 'lock_id'", Required: true),
        new FieldSpec("endpoint", FieldType.String, "an S3-compatible endpoint URL (path-style addressing), e.g. for local testing"),
        new FieldSpec("lock_endpoint", FieldType.String, "a DynamoDB-compatible endpoint URL, e.g. for local testing"),
        new FieldSpec("profile", FieldType.String, "a named profile from ~/.aws/config (default: the standard credential chain)"),
        new FieldSpec("lock_lease", FieldType.Duration, "how long the lock outlives its last heartbeat before others may take it over (default 60s)"));

    public override IStateStore Open(StateOpenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = S3StateSettings.From(context.Settings).WithTarget(context.Environment);
        var location = StateLocation.For(settings, context.Project.Name, context.Environment.Name);
        return new S3StateStore(location, StateClients.Create(settings), context.Protector, context.Time, settings.LockLease);
    }
}
