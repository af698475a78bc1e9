using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State.Contract;

/// <summary>Sensitive outputs are never stored in the clear (DESIGN §8).</summary>
public abstract partial class StateStoreContract
{
    private const string Secret = "s3cr3t-Db-Passw0rd-7f2c";

    [Fact]
    public async Task With_a_protector_sensitive_outputs_round_trip_and_are_encrypted_at_rest()
    {
        await using var place = await CreateHarnessAsync();
        var protector = new FakeProtector();
        await using var store = place.Open(protector);
        await PutSensitiveAsync(store);

        var outputs = (await store.LoadAsync(default)).Find("db")!.Outputs;

        outputs.Should().Equal(SensitiveOutputs());
        protector.Calls.Should().Be(1, "only the sensitive value goes through the protector");
        (await place.StoredBytesContainAsync(Secret)).Should().BeFalse();
        (await place.StoredBytesContainAsync("postgres://db.internal:5432")).Should().BeTrue("the search itself works on these bytes");
        await using var reopened = place.Open(protector);
        (await reopened.LoadAsync(default)).Find("db")!.Outputs.Should().Equal(SensitiveOutputs());
    }

    [Fact]
    public async Task Without_a_protector_the_clear_value_is_never_stored()
    {
        await using var place = await CreateHarnessAsync();
        await using (var store = place.Open())
        {
            await PutSensitiveAsync(store);
            (await place.StoredBytesContainAsync(Secret)).Should().BeFalse();
        }

        (await place.StoredBytesContainAsync(Secret)).Should().BeFalse();
        await using var reopened = place.Open();
        (await reopened.LoadAsync(default)).Find("db")!.Outputs.Should().Equal(new Dictionary<string, OutputValue>
        {
            ["url"] = new("postgres://db.internal:5432"),
            ["password"] = new("****", Sensitive: true),
        });
    }

    [Fact]
    public async Task A_protected_value_reads_as_masked_without_the_protector_that_wrote_it()
    {
        await using var place = await CreateHarnessAsync();
        await using (var store = place.Open(new FakeProtector()))
        {
            await PutSensitiveAsync(store);
        }

        await using var withNone = place.Open();
        await using var withAnother = place.Open(new FakeProtector());

        (await withNone.LoadAsync(default)).Find("db")!.Outputs["password"].Should().Be(new OutputValue("****", Sensitive: true));
        (await withAnother.LoadAsync(default)).Find("db")!.Outputs["password"].Sensitive.Should().BeTrue();
        (await withAnother.LoadAsync(default)).Find("db")!.Outputs["password"].Value.Should().NotBe(Secret);
    }

    private static Dictionary<string, OutputValue> SensitiveOutputs() => new()
    {
        ["url"] = new("postgres://db.internal:5432"),
        ["password"] = new(Secret, Sensitive: true),
    };

    private static async Task PutSensitiveAsync(IStateStore store)
    {
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        await store.RecordStageAsync(runId, Samples.Result("db"), new StageStateChange.Put(Samples.Stage("db", runId, SensitiveOutputs())), default);
    }
}
