namespace Stagecraft.Local.State;

/// <summary>The 'approvals' table; every approval is kept, the latest for a stage and fingerprint wins.</summary>
internal static class ApprovalTable
{
    public static Task AddAsync(SqliteTransaction transaction, Approval approval, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            """
            INSERT INTO approvals (stage, fingerprint, approved_by, approved_at, note)
            VALUES ($stage, $fingerprint, $approvedBy, $approvedAt, $note)
            """,
            cancellationToken,
            ("$stage", approval.Stage),
            ("$fingerprint", approval.Fingerprint),
            ("$approvedBy", approval.ApprovedBy),
            ("$approvedAt", Timestamps.Format(approval.ApprovedAt)),
            ("$note", approval.Note));

    public static async Task<Approval?> FindAsync(SqliteTransaction transaction, string stage, string fingerprint, CancellationToken cancellationToken)
    {
        var rows = await transaction.QueryAsync(
            """
            SELECT stage, fingerprint, approved_by, approved_at, note FROM approvals
            WHERE stage = $stage AND fingerprint = $fingerprint
            ORDER BY id DESC LIMIT 1
            """,
            Map,
            cancellationToken,
            ("$stage", stage),
            ("$fingerprint", fingerprint)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public static Task<List<Approval>> ReadAllAsync(SqliteTransaction transaction, CancellationToken cancellationToken) =>
        transaction.QueryAsync("SELECT stage, fingerprint, approved_by, approved_at, note FROM approvals ORDER BY id", Map, cancellationToken);

    private static Approval Map(SqliteDataReader row) => new(
        row.Text("stage"),
        row.Text("fingerprint"),
        row.Text("approved_by"),
        row.Time("approved_at"),
        row.OptionalText("note"));
}
