using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State;

/// <summary>How the sqlite backend lays its data out; what it stores is checked by the state store contract.</summary>
public sealed class SqliteStoreStorageTests
{
    private const string Secret = "s3cr3t-Db-Passw0rd-7f2c";

    [Fact]
    public async Task Times_are_stored_as_iso_8601_utc_text()
    {
        await using var file = new StateFile();
        await using var store = file.Open();
        var runId = await store.BeginRunAsync(Samples.Run(), default);

        await store.RecordStageAsync(runId, Samples.Result("api"), new StageStateChange.Put(Samples.Stage("api", runId)), default);

        (await file.ScalarAsync("SELECT updated_at FROM stages WHERE name = 'api'")).Should().Be("2025-03-04T05:06:07.1234567+00:00");
    }

    [Fact]
    public async Task Concurrent_stage_results_get_distinct_sequence_numbers()
    {
        await using var file = new StateFile();
        await using var store = file.Open();
        var runId = await store.BeginRunAsync(Samples.Run(), default);

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() =>
            store.RecordStageAsync(runId, Samples.Result($"stage-{i:00}"), new StageStateChange.Put(Samples.Stage($"stage-{i:00}", runId)), default))));

        (await file.ScalarAsync("SELECT COUNT(DISTINCT seq) || '/' || MAX(seq) FROM run_stages")).Should().Be("24/24");
    }

    [Fact]
    public async Task Protected_outputs_are_stored_as_the_protectors_text()
    {
        await using var file = new StateFile();
        await using var store = file.Open(new FakeProtector());
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        var outputs = new Dictionary<string, OutputValue> { ["password"] = new(Secret, Sensitive: true) };

        await store.RecordStageAsync(runId, Samples.Result("db"), new StageStateChange.Put(Samples.Stage("db", runId, outputs)), default);

        ((string)(await file.ScalarAsync("SELECT outputs_json FROM stages"))!).Should().Contain("\"protected\":true").And.Contain("enc:");
    }

    [Fact]
    public async Task The_write_ahead_log_never_holds_a_clear_sensitive_value_either()
    {
        await using var file = new StateFile();
        await using var store = file.Open();
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        var outputs = new Dictionary<string, OutputValue> { ["password"] = new(Secret, Sensitive: true) };

        await store.RecordStageAsync(runId, Samples.Result("db"), new StageStateChange.Put(Samples.Stage("db", runId, outputs)), default);

        // While open, recent pages live in the -wal file, which the search includes.
        File.Exists(file.Path + "-wal").Should().BeTrue();
        file.RawBytesContain(Secret).Should().BeFalse();
    }
}
