namespace Stagecraft.Local.State;

/// <summary>The 'meta' table; holds the state's HMAC key (fingerprints of secrets are keyed per state, DESIGN §8).</summary>
internal static class MetaTable
{
    private const string HmacKey = "hmac_key";

    public static async Task<byte[]?> ReadHmacKeyAsync(SqliteTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.ScalarAsync("SELECT value FROM meta WHERE key = $key", cancellationToken, ("$key", HmacKey)).ConfigureAwait(false) is string text
            ? Convert.FromBase64String(text)
            : null;

    /// <summary>Stores <paramref name="key"/> unless a key is already there (a key once used must never change).</summary>
    public static Task SeedHmacKeyAsync(SqliteTransaction transaction, byte[] key, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            "INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO NOTHING",
            cancellationToken,
            ("$key", HmacKey),
            ("$value", Convert.ToBase64String(key)));

    /// <summary>Only for 'state push': the pushed state brings the key its fingerprints were made with.</summary>
    public static Task ReplaceHmacKeyAsync(SqliteTransaction transaction, byte[] key, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            "INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            cancellationToken,
            ("$key", HmacKey),
            ("$value", Convert.ToBase64String(key)));
}
