using System.Security.Cryptography;
using System.Text;
using Stagecraft.Core.Kinds;
using Stagecraft.Local.Kinds.Migrations;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Data.Migrations;

/// <summary>
/// What the migrations kind promises, run against each engine by a subclass: order, history,
/// checksums, out-of-order rules, atomic failures with file:line, and safe concurrent runs.
/// </summary>
public abstract class MigrationContractTests : IAsyncLifetime
{
    private string _database = "";

    protected TempDirectory Project { get; } = new("stagecraft-migrations");

    /// <summary>The line of <see cref="MigrationFiles.Broken"/> the engine's error points at.</summary>
    protected abstract int FailureLine { get; }

    /// <summary>Part of the engine's own error text for that failure.</summary>
    protected abstract string FailureText { get; }

    /// <summary>A statement that takes a noticeable moment, so concurrent runs overlap.</summary>
    protected abstract string SlowStatement { get; }

    protected virtual string? Password => null;

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public Task DisposeAsync()
    {
        Project.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Fresh_database_gets_every_migration_in_order_with_a_history_row_each()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        Write("V2__note_tags.sql", MigrationFiles.Tags);
        Write("V3__seed.sql", MigrationFiles.Seed);
        var harness = Harness();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var outputs = await harness.ApplyAsync(new MigrationsKind(), Settings());

        outputs["schema_version"].Should().Be("3");
        var history = await HistoryAsync();
        history.Select(h => (h.Version, h.Script, h.Description)).Should().Equal(
            ("1", "V1__notes.sql", "notes"), ("2", "V2__note_tags.sql", "note tags"), ("3", "V3__seed.sql", "seed"));
        history[0].Checksum.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(MigrationFiles.Notes))));
        history.Should().OnlyContain(h => h.InstalledBy == "tester@test-host" && h.RunId == 1 && h.DurationMs >= 0
            && h.InstalledAt >= before && h.InstalledAt <= DateTimeOffset.UtcNow.AddSeconds(5));
        (await CountAsync("notes")).Should().Be(2);
    }

    [Fact]
    public async Task A_new_file_is_applied_alone_and_a_rerun_with_nothing_pending_changes_nothing()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        var harness = Harness();
        (await harness.ApplyAsync(new MigrationsKind(), Settings()))["schema_version"].Should().Be("1");

        Write("V2__note_tags.sql", MigrationFiles.Tags);
        (await harness.ApplyAsync(new MigrationsKind(), Settings()))["schema_version"].Should().Be("2");
        harness.Log.Lines.Should().ContainSingle(l => l.StartsWith("applied ", StringComparison.Ordinal)).Which.Should().Contain("V2__note_tags.sql");

        (await harness.ApplyAsync(new MigrationsKind(), Settings()))["schema_version"].Should().Be("2");
        harness.Log.Lines.Should().Contain(l => l.Contains("up to date at version 2", StringComparison.Ordinal));
        harness.Log.Lines.Should().NotContain(l => l.StartsWith("applied ", StringComparison.Ordinal));
        (await HistoryAsync()).Select(h => (h.Version, h.RunId)).Should().Equal(("1", 1L), ("2", 2L));
    }

    [Fact]
    public async Task An_applied_file_that_changed_is_an_error_naming_it()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        await Harness().ApplyAsync(new MigrationsKind(), Settings());
        Write("V1__notes.sql", MigrationFiles.Notes + "CREATE TABLE sneaky (id INTEGER);\n");
        Write("V2__note_tags.sql", MigrationFiles.Tags);

        var act = () => Harness().ApplyAsync(new MigrationsKind(), Settings());

        (await act.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().Contain("migrations/V1__notes.sql").And.Contain("changed after it was applied");
        (await HistoryAsync()).Select(h => h.Version).Should().Equal("1");
        (await TableExistsAsync("sneaky")).Should().BeFalse();
    }

    [Fact]
    public async Task Other_line_endings_are_not_a_change()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        await Harness().ApplyAsync(new MigrationsKind(), Settings());
        Write("V1__notes.sql", "\uFEFF" + MigrationFiles.Notes.Replace("\n", "\r\n", StringComparison.Ordinal));

        (await Harness().ApplyAsync(new MigrationsKind(), Settings()))["schema_version"].Should().Be("1");
    }

    [Fact]
    public async Task A_missing_applied_file_is_an_error_naming_it()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        Write("V2__note_tags.sql", MigrationFiles.Tags);
        await Harness().ApplyAsync(new MigrationsKind(), Settings());
        File.Delete(Project.Combine("migrations", "V2__note_tags.sql"));

        var act = () => Harness().ApplyAsync(new MigrationsKind(), Settings());

        (await act.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().Contain("V2__note_tags.sql").And.Contain("missing");
    }

    [Fact]
    public async Task A_late_lower_version_is_refused_unless_out_of_order_is_set()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        Write("V3__late_three.sql", "CREATE TABLE late_three (id INTEGER);\n");
        await Harness().ApplyAsync(new MigrationsKind(), Settings());
        Write("V2__late_two.sql", "CREATE TABLE late_two (id INTEGER);\n");

        var refused = () => Harness().ApplyAsync(new MigrationsKind(), Settings());
        (await refused.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().Contain("migrations/V2__late_two.sql").And.Contain("out of order");
        (await TableExistsAsync("late_two")).Should().BeFalse();

        var outputs = await Harness().ApplyAsync(new MigrationsKind(), Settings(outOfOrder: true));
        outputs["schema_version"].Should().Be("3");
        (await HistoryAsync()).Select(h => h.Version).Should().Equal("1", "3", "2");
        (await TableExistsAsync("late_two")).Should().BeTrue();
    }

    [Fact]
    public async Task A_failing_migration_leaves_the_previous_version_and_reports_file_line_and_the_sql_error()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        Write("V2__broken.sql", MigrationFiles.Broken);
        var harness = Harness();

        var act = () => harness.ApplyAsync(new MigrationsKind(), Settings());

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().Contain($"migrations/V2__broken.sql:{FailureLine}").And.Contain(FailureText);
        failure.Details.Should().Contain(d => d.Contains("still at version 1", StringComparison.Ordinal));
        (await HistoryAsync()).Select(h => h.Version).Should().Equal("1");
        (await TableExistsAsync("tags")).Should().BeFalse("the statement before the failure was rolled back with it");

        // Never applied, so fixing the file in place is allowed.
        Write("V2__broken.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
        (await Harness().ApplyAsync(new MigrationsKind(), Settings()))["schema_version"].Should().Be("2");
    }

    [Fact]
    public async Task Transaction_control_inside_a_file_is_refused_with_its_line()
    {
        Write("V1__committing.sql", MigrationFiles.Committing);

        var act = () => Harness().ApplyAsync(new MigrationsKind(), Settings());

        (await act.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().Contain("V1__committing.sql:2").And.Contain("transaction control");
        (await TableExistsAsync("committed_early")).Should().BeFalse();
        (await HistoryAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_misnamed_sql_file_is_an_error_naming_it()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        Write("V2_single_underscore.sql", MigrationFiles.Tags);

        var act = () => Harness().ApplyAsync(new MigrationsKind(), Settings());

        (await act.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().Contain("V2_single_underscore.sql");
        (await HistoryAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_concurrent_runs_apply_each_migration_exactly_once()
    {
        Write("V1__log.sql", "CREATE TABLE applied_log (version TEXT NOT NULL);\n");
        for (var v = 2; v <= 6; v++)
        {
            Write($"V{v}__step_{v}.sql", $"{SlowStatement}\nINSERT INTO applied_log (version) VALUES ('{v}');\n");
        }

        var runs = await Task.WhenAll(
            Task.Run(() => Harness().ApplyAsync(new MigrationsKind(), Settings())),
            Task.Run(() => Harness().ApplyAsync(new MigrationsKind(), Settings())));

        runs.Should().OnlyContain(r => r["schema_version"] == "6");
        (await HistoryAsync()).Select(h => h.Version).Should().Equal("1", "2", "3", "4", "5", "6");
        (await CountAsync("applied_log")).Should().Be(5);
    }

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task<IReadOnlyList<HistoryRow>> HistoryAsync();

    protected abstract Task<bool> TableExistsAsync(string table);

    protected abstract Task<long> CountAsync(string table);

    protected void Write(string file, string content) => Project.Write(Path.Combine("migrations", file), content);

    private protected KindHarness Harness() => new(Project.Path);

    protected Core.References.ResolvedMap Settings(bool outOfOrder = false)
    {
        var settings = new Settings().Scalar("database", _database);
        if (Password is not null)
        {
            settings.Scalar("password", Password, sensitive: true);
        }

        if (outOfOrder)
        {
            settings.Scalar("out_of_order", "true");
        }

        return settings.Build();
    }
}
