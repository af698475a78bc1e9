using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State;

/// <summary>Sensitive outputs are never written in the clear (DESIGN §8).</summary>
public sealed class SqliteStoreOutputTests
{
    private const string Secret = "s3cr3t-Db-Passw0rd-7f2c";

    [Fact]
    public async Task With_a_protector_sensitive_outputs_round_trip_and_are_encrypted_at_rest()
    {
        await using var file = new StateFile();
        var protector = new FakeProtector();
        await using var store = file.Open(protector);
        await PutAsync(store);

        var outputs = (await store.LoadAsync(default)).Find("db")!.Outputs;

        outputs.Should().Equal(Outputs());
        protector.Calls.Should().Be(1, "only the sensitive value goes through the protector");
        file.RawBytesContain(Secret).Should().BeFalse();
        ((string)(await file.ScalarAsync("SELECT outputs_json FROM stages"))!).Should().Contain("\"protected\":true").And.Contain("enc:");
        await using var reopened = file.Open(protector);
        (await reopened.LoadAsync(default)).Find("db")!.Outputs.Should().Equal(Outputs());
    }

    [Fact]
    public async Task Without_a_protector_the_clear_value_never_reaches_the_file()
    {
        await using var file = new StateFile();
        await using (var store = file.Open())
        {
            await PutAsync(store);

            // While open, recent pages live in the -wal file: search it as well.
            File.Exists(file.Path + "-wal").Should().BeTrue();
            file.RawBytesContain(Secret).Should().BeFalse();
            file.RawBytesContain("postgres://db.internal:5432").Should().BeTrue("the search itself works on these bytes");
        }

        file.RawBytesContain(Secret).Should().BeFalse("nor after the WAL was checkpointed into the database");
        await using var reopened = file.Open();
        (await reopened.LoadAsync(default)).Find("db")!.Outputs.Should().Equal(new Dictionary<string, OutputValue>
        {
            ["url"] = new("postgres://db.internal:5432"),
            ["password"] = new("****", Sensitive: true),
        });
    }

    [Fact]
    public async Task A_protected_value_reads_as_masked_without_the_protector_that_wrote_it()
    {
        await using var file = new StateFile();
        await using (var store = file.Open(new FakeProtector()))
        {
            await PutAsync(store);
        }

        await using var withNone = file.Open();
        await using var withAnother = file.Open(new FakeProtector());

        (await withNone.LoadAsync(default)).Find("db")!.Outputs["password"].Should().Be(new OutputValue("****", Sensitive: true));
        (await withAnother.LoadAsync(default)).Find("db")!.Outputs["password"].Sensitive.Should().BeTrue();
        (await withAnother.LoadAsync(default)).Find("db")!.Outputs["password"].Value.Should().NotBe(Secret);
    }

    private static Dictionary<string, OutputValue> Outputs() => new()
    {
        ["url"] = new("postgres://db.internal:5432"),
        ["password"] = new(Secret, Sensitive: true),
    };

    private static async Task PutAsync(IStateStore store)
    {
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        await store.RecordStageAsync(runId, Samples.Result("db"), new StageStateChange.Put(Samples.Stage("db", runId, Outputs())), default);
    }
}
