using System.Buffers.Binary;
using Stagecraft.Integration.Tests.Examples;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Packaging;

/// <summary>
/// The CLI installed the two ways a user gets it without this repository: as a .NET tool from the folder
/// scripts/pack.sh fills (a local feed), and as the self-contained single-file binary. Each says its version
/// and commit, validates an example, and starts its own agent, which runs the same program.
/// </summary>
public sealed class InstallablePackagesTests(PackedArtifacts artifacts) : IClassFixture<PackedArtifacts>, IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private readonly AgentSandbox _agent = new();
    private string _example = "";

    public Task InitializeAsync()
    {
        _example = ExampleCopy.OutsideTheRepository("quickstart");
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_tool_installs_from_the_artifacts_folder_and_runs()
    {
        var pack = await artifacts.PackAsync();
        pack.ExitCode.Should().Be(0, pack.ToString());
        var toolPath = artifacts.Combine("tools");

        var install = await RunAsync("dotnet", "tool", "install", "stagecraft", "--tool-path", toolPath, "--add-source", artifacts.Directory, "--version", artifacts.PackageVersion);

        install.ExitCode.Should().Be(0, install.ToString());
        await ItRunsAsync(Path.Combine(toolPath, "stagecraft"));
    }

    [Fact]
    public async Task The_linux_x64_single_file_binary_runs_alone()
    {
        var pack = await artifacts.PackAsync();
        pack.ExitCode.Should().Be(0, pack.ToString());
        var binary = Path.Combine(artifacts.Directory, "stagecraft-linux-x64");

        File.Exists(binary).Should().BeTrue(pack.ToString());
        System.IO.Directory.GetFiles(artifacts.Directory).Select(Path.GetFileName).Should().NotContain(f => f!.EndsWith(".dll", StringComparison.Ordinal), "the binary is one file");
        await ItRunsAsync(binary);
        var agentPid = (await _agent.StatusAsync())?.Pid;
        // The agent was started while the binary ran: it must be that binary again, not a dotnet host.
        ReadLink($"/proc/{agentPid}/exe").Should().Be(binary);
    }

    [Fact]
    public async Task The_linux_arm64_single_file_binary_is_an_aarch64_executable()
    {
        var pack = await artifacts.PackAsync();
        pack.ExitCode.Should().Be(0, pack.ToString());
        var header = new byte[20];
        await using (var file = File.OpenRead(Path.Combine(artifacts.Directory, "stagecraft-linux-arm64")))
        {
            await file.ReadExactlyAsync(header);
        }

        header[..4].Should().Equal(0x7F, (byte)'E', (byte)'L', (byte)'F');
        header[4].Should().Be(2, "a 64-bit ELF");
        header[5].Should().Be(1, "little-endian");
        BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(18)).Should().Be(0xB7, "e_machine is EM_AARCH64");
    }

    private async Task ItRunsAsync(string stagecraft)
    {
        var version = await RunAsync(stagecraft, "--version");
        var validate = await RunAsync(stagecraft, "validate", "-f", Path.Combine(_example, "stagecraft.yml"));
        var start = await RunAsync(stagecraft, "agent", "start");
        var status = await RunAsync(stagecraft, "agent", "status");

        version.ExitCode.Should().Be(0, version.ToString());
        version.Output.Trim().Should().Be($"stagecraft {artifacts.PackageVersion} (commit {await CommitAsync()})");
        validate.ExitCode.Should().Be(0, validate.ToString());
        validate.Output.Should().Contain("is valid: 4 stage(s)");
        start.ExitCode.Should().Be(0, start.ToString());
        status.ExitCode.Should().Be(0, status.ToString());
        (await _agent.StatusAsync()).Should().NotBeNull("the agent it started answers");
    }

    private async Task<CliResult> RunAsync(string program, params string[] args)
    {
        var environment = new Dictionary<string, string>(artifacts.Environment);
        foreach (var (key, value) in _agent.Environment)
        {
            environment[key] = value;
        }

        using var process = CliProcess.StartRaw(Path.GetTempPath(), environment, program, args);
        return await process.WaitAsync(CommandTimeout);
    }

    /// <summary>The commit a build of this checkout records: HEAD, or "unknown" where git cannot tell.</summary>
    private static async Task<string> CommitAsync()
    {
        try
        {
            using var git = CliProcess.StartRaw(Repository.Root, null, "git", "rev-parse", "HEAD");
            var result = await git.WaitAsync(CommandTimeout);
            return result.ExitCode == 0 ? result.Output.Trim() : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string? ReadLink(string path) => new FileInfo(path).LinkTarget;

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        ExampleCopy.Delete(_example);
    }
}
