using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State.Contract;

public abstract partial class StateStoreContract
{
    [Fact]
    public async Task Stage_records_round_trip_with_manifest_outputs_dependencies_and_settings()
    {
        await using var place = await CreateHarnessAsync();
        var full = Samples.Stage("api");
        var bare = new StageRecord("db", "migrations", StageStatus.Failed, null, null, new Dictionary<string, OutputValue>(), [], null, false, null, Samples.Time, "boom");
        await using (var store = place.Open())
        {
            var runId = await store.BeginRunAsync(Samples.Run(), default);
            full = full with { LastRunId = runId };
            await store.RecordStageAsync(runId, Samples.Result("api"), new StageStateChange.Put(full), default);
            await store.RecordStageAsync(runId, Samples.Result("db", StageResult.Failed), new StageStateChange.Put(bare), default);
        }

        await using var reopened = place.Open();
        var snapshot = await reopened.LoadAsync(default);

        snapshot.Stages.Keys.Should().BeEquivalentTo("api", "db");
        snapshot.Find("api").Should().BeEquivalentTo(full, Records);
        snapshot.Find("db").Should().BeEquivalentTo(bare, Records);
        snapshot.Find("api")!.Outputs.Keys.Should().Equal("url", "zone");
        snapshot.Find("api")!.DependsOn.Should().Equal("common", "network");
    }

    [Fact]
    public async Task Runs_and_their_stage_results_round_trip_in_order()
    {
        await using var place = await CreateHarnessAsync();
        var finishedAt = Samples.Time.AddMinutes(3);
        long first;
        long second;
        await using (var store = place.Open())
        {
            first = await store.BeginRunAsync(Samples.Run(), default);
            await store.RecordStagesAsync(first, [Samples.Result("c"), Samples.Result("a") with { StartedAt = null, Reason = null, LogPath = null }], default);
            await store.RecordStageAsync(first, Samples.Result("b", StageResult.Failed), new StageStateChange.None(), default);
            await store.RecordStagesAsync(first, [], default);
            await store.FinishRunAsync(first, RunStatus.Failed, finishedAt, "1 stage failed", default);
            second = await store.BeginRunAsync(Samples.Run("destroy"), default);
        }

        await using var reopened = place.Open();
        var detail = await reopened.GetRunAsync(first, default);

        detail.Should().NotBeNull();
        detail!.Summary.Should().Be(new RunSummary(first, "deploy", "local", RunStatus.Failed, Samples.Time, finishedAt, "alice", "box-1", 4242, "deploy --all", "1 stage failed"));
        detail.Stages.Should().Equal(
            Samples.Result("c"),
            Samples.Result("a") with { StartedAt = null, Reason = null, LogPath = null },
            Samples.Result("b", StageResult.Failed));
        (await reopened.GetRunAsync(second, default))!.Summary.Should().Match<RunSummary>(r => r.Status == RunStatus.Running && r.FinishedAt == null && r.Verb == "destroy");
        (await reopened.GetRunAsync(second + 1, default)).Should().BeNull();
        (await reopened.ListRunsAsync(10, default)).Select(r => r.Id).Should().Equal(second, first);
        (await reopened.ListRunsAsync(1, default)).Select(r => r.Id).Should().Equal(second);
    }

    [Fact]
    public async Task Recording_for_an_unknown_run_fails_and_writes_nothing()
    {
        await using var place = await CreateHarnessAsync();
        await using var store = place.Open();
        var runId = await store.BeginRunAsync(Samples.Run(), default);

        var record = () => store.RecordStageAsync(runId + 1, Samples.Result("a"), new StageStateChange.Put(Samples.Stage("a")), default);
        var finish = () => store.FinishRunAsync(runId + 1, RunStatus.Succeeded, Samples.Time, null, default);

        await record.Should().ThrowAsync<InvalidOperationException>().WithMessage("*not in state*");
        await finish.Should().ThrowAsync<InvalidOperationException>();
        (await store.LoadAsync(default)).Stages.Should().BeEmpty();
    }

    [Fact]
    public async Task Approvals_round_trip_and_the_latest_for_a_fingerprint_wins()
    {
        await using var place = await CreateHarnessAsync();
        var older = new Approval("gate", "fp-1", "alice", Samples.Time, "looked fine");
        var newer = new Approval("gate", "fp-1", "bob", Samples.Time.AddHours(1), null);
        await using (var store = place.Open())
        {
            await store.RecordApprovalAsync(older, default);
            await store.RecordApprovalAsync(newer, default);
            await store.RecordApprovalAsync(new Approval("other", "fp-1", "carol", Samples.Time, null), default);
        }

        await using var reopened = place.Open();
        (await reopened.FindApprovalAsync("gate", "fp-1", default)).Should().Be(newer);
        (await reopened.FindApprovalAsync("gate", "fp-2", default)).Should().BeNull();
        (await reopened.FindApprovalAsync("nobody", "fp-1", default)).Should().BeNull();
    }

    [Fact]
    public async Task Stage_data_round_trips_and_null_removes_it()
    {
        await using var place = await CreateHarnessAsync();
        await using (var store = place.Open())
        {
            await store.SetStageDataAsync("web", "releases", """[{"id":1}]""", default);
            await store.SetStageDataAsync("web", "releases", """[{"id":1},{"id":2}]""", default);
            await store.SetStageDataAsync("web", "active", "blue", default);
            await store.SetStageDataAsync("web", "active", null, default);
            await store.SetStageDataAsync("web", "never-set", null, default);
        }

        await using var reopened = place.Open();
        (await reopened.GetStageDataAsync("web", "releases", default)).Should().Be("""[{"id":1},{"id":2}]""");
        (await reopened.GetStageDataAsync("web", "active", default)).Should().BeNull();
        (await reopened.GetStageDataAsync("api", "releases", default)).Should().BeNull();
    }

    [Fact]
    public async Task SetStatus_keeps_fingerprint_and_outputs_and_creates_a_minimal_record_when_there_is_none()
    {
        await using var place = await CreateHarnessAsync();
        var time = new FakeTimeProvider(Samples.Time.AddDays(1));
        await using var store = place.Open(time: time);
        var first = await store.BeginRunAsync(Samples.Run(), default);
        var deployed = Samples.Stage("api", first);
        await store.RecordStageAsync(first, Samples.Result("api"), new StageStateChange.Put(deployed), default);
        var second = await store.BeginRunAsync(Samples.Run(), default);

        await store.RecordStageAsync(second, Samples.Result("api", StageResult.Failed), new StageStateChange.SetStatus("api", "other-kind", StageStatus.Failed, "exit code 2"), default);
        await store.RecordStageAsync(second, Samples.Result("gate", StageResult.Waiting), new StageStateChange.SetStatus("gate", "manual", StageStatus.Waiting, null), default);

        var snapshot = await store.LoadAsync(default);
        snapshot.Find("api").Should().BeEquivalentTo(
            deployed with { Status = StageStatus.Failed, LastError = "exit code 2", LastRunId = second, UpdatedAt = time.GetUtcNow() },
            Records);
        snapshot.Find("gate").Should().BeEquivalentTo(
            new StageRecord("gate", "manual", StageStatus.Waiting, null, null, new Dictionary<string, OutputValue>(), [], null, false, second, time.GetUtcNow(), null),
            Records);
        snapshot.Find("gate")!.EverDeployed.Should().BeFalse();
    }

    [Fact]
    public async Task Remove_deletes_the_record_but_keeps_the_stage_data()
    {
        await using var place = await CreateHarnessAsync();
        await using var store = place.Open();
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        await store.RecordStageAsync(runId, Samples.Result("web"), new StageStateChange.Put(Samples.Stage("web", runId)), default);
        await store.SetStageDataAsync("web", "releases", "[1,2]", default);

        await store.RecordStageAsync(runId, Samples.Result("web", StageResult.Destroyed), new StageStateChange.Remove("web"), default);

        (await store.LoadAsync(default)).Stages.Should().BeEmpty();
        (await store.GetStageDataAsync("web", "releases", default)).Should().Be("[1,2]");
        (await store.GetRunAsync(runId, default))!.Stages.Select(s => s.Result).Should().Equal(StageResult.Succeeded, StageResult.Destroyed);
    }

    [Fact]
    public async Task Concurrent_stage_results_from_one_store_all_land()
    {
        await using var place = await CreateHarnessAsync();
        await using var store = place.Open();
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        var names = Enumerable.Range(0, 24).Select(i => $"stage-{i:00}").ToList();

        await Task.WhenAll(names.Select(name => Task.Run(() =>
            store.RecordStageAsync(runId, Samples.Result(name), new StageStateChange.Put(Samples.Stage(name, runId)), default))));

        (await store.LoadAsync(default)).Stages.Keys.Should().BeEquivalentTo(names);
        (await store.GetRunAsync(runId, default))!.Stages.Select(s => s.Stage).Should().BeEquivalentTo(names);
    }
}
