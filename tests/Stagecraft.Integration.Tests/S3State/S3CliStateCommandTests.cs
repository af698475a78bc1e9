using System.Text.Json;
using System.Text.Json.Nodes;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>state pull/push between backends, and state history/restore, through the real CLI.</summary>
[Collection(LocalAwsCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class S3CliStateCommandTests
{
    private readonly LocalAws _aws;

    public S3CliStateCommandTests(LocalAws aws)
    {
        _aws = aws;
    }

    [Fact]
    public async Task Pull_and_push_move_state_from_sqlite_to_s3_and_back_with_every_run()
    {
        await using var place = await _aws.NewPlaceAsync();
        using var project = new S3CliProject(_aws, place);
        project.WriteChain(2, 0, stateYaml: null);
        await OkAsync(project, "deploy");
        await OkAsync(project, "deploy", "--force", "s1");
        var sqliteHistory = await OkAsync(project, "history", "--json");
        var sqliteRun = await OkAsync(project, "show", "1", "--json");
        await OkAsync(project, "state", "pull", "--to", "state.json");
        File.GetUnixFileMode(Path.Combine(project.Path, "state.json")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // The project goes to a team: the same environment now keeps its state in S3.
        project.WriteChain(2, 0, place.StateYaml());
        var pushed = await OkAsync(project, "state", "push", "--from", "state.json");
        pushed.Should().Contain("2 stage(s), 2 run(s)");

        (await OkAsync(project, "history", "--json")).Should().Be(sqliteHistory);
        (await OkAsync(project, "show", "1", "--json")).Should().Be(sqliteRun);
        var plan = await project.RunAsync("plan", "--detailed-exitcode");
        plan.ExitCode.Should().Be(0, "fingerprints and the HMAC key came along, so nothing looks changed: " + plan);
        await OkAsync(project, "deploy", "--force", "s2");
        var s3History = await OkAsync(project, "history", "--json");
        JsonDocument.Parse(s3History).RootElement.GetArrayLength().Should().Be(3);

        // And back into a sqlite file.
        await OkAsync(project, "state", "pull", "--to", "back.json");
        project.WriteChain(2, 0, "state: { backend: sqlite, path: .stagecraft/back.db }");
        await OkAsync(project, "state", "push", "--from", "back.json");
        (await OkAsync(project, "history", "--json")).Should().Be(s3History);
        (await project.RunAsync("plan", "--detailed-exitcode")).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Push_refuses_to_replace_existing_state_or_another_projects_without_force()
    {
        await using var place = await _aws.NewPlaceAsync();
        using var project = new S3CliProject(_aws, place);
        project.WriteChain(1, 0, place.StateYaml());
        await OkAsync(project, "deploy");
        await OkAsync(project, "state", "pull", "--to", "state.json");

        var again = await project.RunAsync("state", "push", "--from", "state.json");
        again.ExitCode.Should().Be(2, again.ToString());
        again.Error.Should().Contain("already has state").And.Contain("--force");

        var other = JsonNode.Parse(File.ReadAllText(Path.Combine(project.Path, "state.json")))!;
        other["project"] = "someone-else";
        File.WriteAllText(Path.Combine(project.Path, "other.json"), other.ToJsonString());
        var foreign = await project.RunAsync("state", "push", "--from", "other.json", "-e", "local");
        foreign.ExitCode.Should().Be(2, foreign.ToString());
        foreign.Error.Should().Contain("holds the state of someone-else/local");

        (await project.RunAsync("state", "push", "--from", "state.json", "--force")).ExitCode.Should().Be(0);
        (await project.RunAsync("status", "--json")).Output.Should().NotContain("\"lock\"", "push releases the lock it took");
    }

    [Fact]
    public async Task State_history_and_restore_undo_a_bad_write()
    {
        await using var place = await _aws.NewPlaceAsync();
        using var project = new S3CliProject(_aws, place);
        project.WriteChain(2, 0, place.StateYaml());
        await OkAsync(project, "deploy");
        var good = JsonDocument.Parse(await OkAsync(project, "state", "history", "--json")).RootElement[0].GetProperty("number").GetInt64();

        // A bad write: state with no stages pushed over the real one.
        await OkAsync(project, "state", "pull", "--to", "state.json");
        var emptied = JsonNode.Parse(File.ReadAllText(Path.Combine(project.Path, "state.json")))!;
        emptied["stages"] = new JsonArray();
        File.WriteAllText(Path.Combine(project.Path, "bad.json"), emptied.ToJsonString());
        await OkAsync(project, "state", "push", "--from", "bad.json", "--force");
        (await project.RunAsync("plan", "--detailed-exitcode")).ExitCode.Should().Be(10, "after the bad write everything looks undeployed");

        var history = await OkAsync(project, "state", "history");
        history.Should().Contain("state push").And.Contain("(current)").And.Contain("run 1: s2 succeeded");
        var restored = await OkAsync(project, "state", "restore", good.ToString(System.Globalization.CultureInfo.InvariantCulture));

        restored.Should().Contain($"Restored version {good}");
        (await project.RunAsync("plan", "--detailed-exitcode")).ExitCode.Should().Be(0, "the stages are deployed again");
        var runs = JsonDocument.Parse(await OkAsync(project, "history", "--json")).RootElement;
        runs[0].GetProperty("verb").GetString().Should().Be("restore");
        runs[0].GetProperty("note").GetString().Should().StartWith($"restored state version {good}");
    }

    [Fact]
    public async Task Validate_names_a_missing_bucket_with_file_and_line()
    {
        using var project = new TestProject();
        project.WriteProject("project: demo\nenvironments:\n  team:\n    target: local\n    state: { backend: s3, lock_table: locks }\nstages:\n  a: { kind: manual, instructions: x }\n");

        var result = await project.RunAsync("validate");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Contain("stagecraft.yml:5:").And.Contain("missing required setting 'bucket'");
    }

    [Fact]
    public async Task State_history_of_a_sqlite_environment_says_it_keeps_no_versions()
    {
        using var project = new TestProject();
        project.WriteProject("project: demo\nstages:\n" + TestProject.Stage("a", 0));

        var result = await project.RunAsync("state", "history");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Contain("keeps no earlier versions of state");
    }

    private static async Task<string> OkAsync(S3CliProject project, params string[] args)
    {
        var result = await project.RunAsync(args);
        result.ExitCode.Should().Be(0, $"stagecraft {string.Join(' ', args)}: {result}");
        return result.Output;
    }
}
