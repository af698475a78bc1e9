using Microsoft.Data.Sqlite;
using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State;

/// <summary>
/// A stage result and its record change land together or not at all (DESIGN §4, State writes), even
/// when the database itself refuses one statement. The backend-independent cases are in the contract.
/// </summary>
public sealed class SqliteStoreAtomicityTests
{
    [Fact]
    public async Task When_the_record_change_fails_the_history_line_is_rolled_back()
    {
        await using var file = new StateFile();
        await using var store = file.Open();
        var runId = await store.BeginRunAsync(Samples.Run(), default);

        // The database itself refuses the second statement of the transaction.
        await file.ExecuteAsync("CREATE TRIGGER refuse_stage BEFORE INSERT ON stages WHEN NEW.name = 'boom' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
        var record = () => store.RecordStageAsync(runId, Samples.Result("boom"), new StageStateChange.Put(Samples.Stage("boom", runId)), default);

        (await record.Should().ThrowAsync<SqliteException>()).WithMessage("*simulated failure*");
        await ShouldHaveNothingFor("boom", store, runId);

        // The file is still usable and the failed attempt left no gap in the history.
        await store.RecordStageAsync(runId, Samples.Result("fine"), new StageStateChange.Put(Samples.Stage("fine", runId)), default);
        (await file.ScalarAsync("SELECT seq FROM run_stages WHERE stage = 'fine'")).Should().Be(1L);
    }

    [Fact]
    public async Task When_the_history_line_fails_the_record_change_is_rolled_back()
    {
        await using var file = new StateFile();
        await using var store = file.Open();
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        await store.RecordStageAsync(runId, Samples.Result("kept"), new StageStateChange.Put(Samples.Stage("kept", runId)), default);

        await file.ExecuteAsync("CREATE TRIGGER refuse_line BEFORE INSERT ON run_stages WHEN NEW.stage IN ('boom', 'kept') BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
        var put = () => store.RecordStageAsync(runId, Samples.Result("boom"), new StageStateChange.Put(Samples.Stage("boom", runId)), default);
        var remove = () => store.RecordStageAsync(runId, Samples.Result("kept", StageResult.Destroyed), new StageStateChange.Remove("kept"), default);

        await put.Should().ThrowAsync<SqliteException>();
        await remove.Should().ThrowAsync<SqliteException>();
        (await store.LoadAsync(default)).Stages.Keys.Should().Equal("kept");
        (await store.GetRunAsync(runId, default))!.Stages.Select(s => s.Stage).Should().Equal("kept");
    }

    private static async Task ShouldHaveNothingFor(string stage, IStateStore store, long runId)
    {
        (await store.LoadAsync(default)).Find(stage).Should().BeNull("the record change must not land without its history line");
        (await store.GetRunAsync(runId, default))!.Stages.Should().NotContain(s => s.Stage == stage, "the history line must not land without its record change");
    }
}
