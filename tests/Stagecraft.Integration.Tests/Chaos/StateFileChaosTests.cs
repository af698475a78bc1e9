using System.Security.Cryptography;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Chaos;

/// <summary>
/// The state file read-only, on a full disk, damaged, or written by a newer Stagecraft: a clear error
/// naming the file and what to do, exit 1, no stage started, and the file as it was.
/// </summary>
public sealed class StateFileChaosTests
{
    [MountFact]
    public async Task A_read_only_state_directory_stops_the_deploy_before_any_stage_with_the_file_named()
    {
        using var project = await DeployedAsync();
        var before = Hash(project.StateFile);
        using var mounts = new Mounts();
        mounts.ReadOnly(project.StateDirectory);

        var deploy = await project.Cli.RunAsync("deploy", "--yes");

        deploy.ExitCode.Should().Be(1, deploy.ToString());
        deploy.Error.Should().Contain(project.StateFile).And.Contain("read-only").And.Contain("hint: make");
        deploy.Error.Should().NotContain("unexpected");
        project.Ran.Should().Be(1, "no stage may start when its result cannot be recorded");
        mounts.Dispose();
        Hash(project.StateFile).Should().Be(before);
        (await project.Cli.RunAsync("deploy", "--yes")).ExitCode.Should().Be(0, "the same deploy works once the directory is writable again");
    }

    [MountFact]
    public async Task A_read_only_state_file_stops_the_deploy_before_any_stage_with_the_file_named()
    {
        using var project = await DeployedAsync();
        using var mounts = new Mounts();
        mounts.ReadOnly(project.StateFile);

        var deploy = await project.Cli.RunAsync("deploy", "--yes");

        deploy.ExitCode.Should().Be(1, deploy.ToString());
        deploy.Error.Should().Contain(project.StateFile).And.Contain("read-only");
        deploy.Error.Should().NotContain("unexpected");
        project.Ran.Should().Be(1);
    }

    [MountFact]
    public async Task A_full_disk_stops_the_deploy_with_the_file_named_and_the_state_stays_readable()
    {
        using var project = new ChaosProject();
        using var mounts = new Mounts();
        mounts.Tmpfs(project.StateDirectory, "256k");
        (await project.Cli.RunAsync("deploy", "--yes")).ExitCode.Should().Be(0);
        project.Change();
        var filler = Path.Combine(project.StateDirectory, "filler");
        Fill(filler);

        var deploy = await project.Cli.RunAsync("deploy", "--yes");

        deploy.ExitCode.Should().Be(1, deploy.ToString());
        deploy.Error.Should().Contain(project.StateFile).And.Contain("disk is full");
        deploy.Error.Should().NotContain("unexpected");
        File.Delete(filler);
        var status = await project.Cli.RunAsync("status");
        status.ExitCode.Should().Be(0, "what was written before the disk filled is intact: " + status);
        (await project.Cli.RunAsync("deploy", "--yes")).ExitCode.Should().Be(0, "with space again the deploy completes");
        (await project.Cli.RunAsync("plan", "--detailed-exitcode")).ExitCode.Should().Be(0, "state equals what ran");
    }

    [Fact]
    public async Task A_damaged_state_file_is_named_with_what_to_do_and_left_as_it_was()
    {
        using var project = await DeployedAsync();
        await using (var file = new FileStream(project.StateFile, FileMode.Open, FileAccess.Write))
        {
            await file.WriteAsync("this is not a database, it was damaged"u8.ToArray());
        }

        var before = Hash(project.StateFile);

        var deploy = await project.Cli.RunAsync("deploy", "--yes");

        deploy.ExitCode.Should().Be(1, deploy.ToString());
        deploy.Error.Should().Contain($"state file {project.StateFile} is damaged").And.Contain("hint: move it aside");
        deploy.Error.Should().NotContain("unexpected");
        project.Ran.Should().Be(1);
        Hash(project.StateFile).Should().Be(before);
    }

    [Fact]
    public async Task State_written_by_a_newer_Stagecraft_is_refused_with_what_to_do_and_left_as_it_was()
    {
        using var project = await DeployedAsync();
        (await CliProcess.RunRawAsync(project.Path, null, "sqlite3", project.StateFile, "PRAGMA user_version = 99")).ExitCode.Should().Be(0);
        var before = Hash(project.StateFile);

        var deploy = await project.Cli.RunAsync("deploy", "--yes");

        deploy.ExitCode.Should().Be(1, deploy.ToString());
        deploy.Error.Should().Contain($"state file {project.StateFile} has schema version 99, newer than this Stagecraft understands").And.Contain("hint: upgrade stagecraft");
        project.Ran.Should().Be(1);
        Hash(project.StateFile).Should().Be(before);
    }

    private static async Task<ChaosProject> DeployedAsync()
    {
        var project = new ChaosProject();
        (await project.Cli.RunAsync("deploy", "--yes")).ExitCode.Should().Be(0);
        project.Change();
        return project;
    }

    private static void Fill(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>One stage that counts its runs in a file outside the state directory.</summary>
    private sealed class ChaosProject : IDisposable
    {
        private readonly TestProject _project = new();
        private int _round;

        public ChaosProject()
        {
            Change();
        }

        public string Path => _project.Path;

        public TestProject Cli => _project;

        public string StateDirectory => System.IO.Path.Combine(Path, ".stagecraft");

        public string StateFile => System.IO.Path.Combine(StateDirectory, "local.db");

        public int Ran => File.Exists(System.IO.Path.Combine(Path, "ran")) ? File.ReadAllLines(System.IO.Path.Combine(Path, "ran")).Length : 0;

        /// <summary>A new round: the stage has to deploy again.</summary>
        public void Change()
        {
            _round++;
            _project.WriteProject($$"""
                project: statefile
                stages:
                  a:
                    kind: command
                    run: ["sh", "-c", "echo {{_round}} >> ran"]
                """);
        }

        public void Dispose()
        {
            _project.Dispose();
        }
    }
}
