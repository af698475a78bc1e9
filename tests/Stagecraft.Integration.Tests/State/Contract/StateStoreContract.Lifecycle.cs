using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State.Contract;

public abstract partial class StateStoreContract
{
    [Fact]
    public async Task Reads_of_missing_state_give_empty_state_and_store_nothing()
    {
        await using var place = await CreateHarnessAsync();
        await using var store = place.Open();

        var snapshot = await store.LoadAsync(default);
        snapshot.Stages.Should().BeEmpty();
        snapshot.HmacKey.Should().HaveCount(32);
        (await store.ListRunsAsync(10, default)).Should().BeEmpty();
        (await store.ReadLockAsync(default)).Should().BeNull();
        (await store.GetRunAsync(1, default)).Should().BeNull();
        (await store.FindApprovalAsync("gate", "fp", default)).Should().BeNull();
        (await store.GetStageDataAsync("web", "releases", default)).Should().BeNull();

        // Writes that only change existing state have nothing to do either.
        (await store.HeartbeatLockAsync(Samples.Lock(1), Samples.Time, default)).Should().BeFalse();
        await store.ReleaseLockAsync(Samples.Lock(1), default);
        (await store.BreakLockAsync(default)).Should().BeNull();
        (await store.MarkAbandonedRunsAsync("gone", Samples.Time, default)).Should().Be(0);
        await store.SetStageDataAsync("web", "releases", null, default);

        (await place.HasStateAsync()).Should().BeFalse("reading state must not store anything");
    }

    [Fact]
    public async Task The_hmac_key_handed_out_before_the_first_write_is_the_one_persisted()
    {
        await using var place = await CreateHarnessAsync();
        byte[] before;
        await using (var store = place.Open())
        {
            before = (await store.LoadAsync(default)).HmacKey;
            (await store.LoadAsync(default)).HmacKey.Should().Equal(before, "one store hands out one key");
            await store.BeginRunAsync(Samples.Run(), default);
        }

        await using var reopened = place.Open();
        (await reopened.LoadAsync(default)).HmacKey.Should().Equal(before);
    }

    [Fact]
    public async Task Two_fresh_states_have_different_hmac_keys()
    {
        await using var one = await CreateHarnessAsync();
        await using var two = await CreateHarnessAsync();
        await using var first = one.Open();
        await using var second = two.Open();
        await first.BeginRunAsync(Samples.Run(), default);
        await second.BeginRunAsync(Samples.Run(), default);

        var a = (await first.LoadAsync(default)).HmacKey;
        var b = (await second.LoadAsync(default)).HmacKey;

        a.Should().HaveCount(32);
        b.Should().HaveCount(32);
        a.Should().NotEqual(b);
    }

    [Fact]
    public async Task When_serialising_the_record_throws_neither_lands()
    {
        await using var place = await CreateHarnessAsync();
        await using var store = place.Open();
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        var record = Samples.Stage("boom", runId, new ThrowingOutputs());

        var act = () => store.RecordStageAsync(runId, Samples.Result("boom"), new StageStateChange.Put(record), default);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("simulated*");
        await ShouldHaveNothingForAsync("boom", store, runId);
    }

    [Fact]
    public async Task When_cancelled_while_writing_neither_lands()
    {
        await using var place = await CreateHarnessAsync();
        using var cancel = new CancellationTokenSource();

        // The protector runs while the record is serialised, after the write began.
        await using var store = place.Open(new CancellingProtector(cancel));
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        var record = Samples.Stage("boom", runId, new Dictionary<string, OutputValue> { ["password"] = new("p4ss-w0rd-value", Sensitive: true) });

        var act = () => store.RecordStageAsync(runId, Samples.Result("boom"), new StageStateChange.Put(record), cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        cancel.IsCancellationRequested.Should().BeTrue("the failure must come from the cancellation mid-write");
        await ShouldHaveNothingForAsync("boom", store, runId);
    }

    private static async Task ShouldHaveNothingForAsync(string stage, IStateStore store, long runId)
    {
        (await store.LoadAsync(default)).Find(stage).Should().BeNull("the record change must not land without its history line");
        (await store.GetRunAsync(runId, default))!.Stages.Should().NotContain(s => s.Stage == stage, "the history line must not land without its record change");
    }
}
