using Stagecraft.Core.Diagnostics;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Agent;
using Stagecraft.Local.Agent.Control;
using Stagecraft.Local.Agent.Install;
using Stagecraft.Host.Processes;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Agent.Install;

/// <summary>'stagecraft agent install|uninstall': the systemd user unit, with and without a running systemd.</summary>
public sealed class AgentInstallTests : IDisposable
{
    private readonly TempDirectory _temp = new("unit");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_unit_runs_this_stagecraft_with_the_variables_that_place_the_socket_a_shell_finds()
    {
        var environment = Variables(new() { ["HOME"] = "/home/ops", ["XDG_RUNTIME_DIR"] = "/run/user/1000", ["PATH"] = "/usr/bin" });
        var home = AgentHome.Resolve(environment);

        var text = AgentUnit.Text(new AgentStartCommand("/usr/bin/dotnet", ["/opt/stage craft/stagecraft.dll"]), AgentUnit.Environment(environment, home), home);

        text.Should().Be("""
            # Written by 'stagecraft agent install'; 'stagecraft agent uninstall' removes it.
            [Unit]
            Description=Stagecraft host agent (/home/ops/.local/state/stagecraft/agent)
            After=network-online.target
            Wants=network-online.target

            [Service]
            Type=simple
            ExecStart="/usr/bin/dotnet" "/opt/stage craft/stagecraft.dll" "agent"
            Environment="HOME=/home/ops"
            Environment="XDG_RUNTIME_DIR=/run/user/1000"
            Restart=always
            RestartSec=2
            # Another agent already holding this home (one started by hand) is not a crash to retry.
            RestartPreventExitStatus=3
            # SIGTERM to the agent alone: it drains and stops its services itself.
            KillMode=mixed
            TimeoutStopSec=120

            [Install]
            WantedBy=default.target

            """);
    }

    [Fact]
    public void An_explicit_agent_directory_is_the_only_variable_and_odd_characters_are_escaped()
    {
        var environment = Variables(new() { ["HOME"] = "/home/ops", [AgentHome.DirectoryVariable] = "/srv/agent 100%$x\"" });
        var home = AgentHome.Resolve(environment);

        var text = AgentUnit.Text(new AgentStartCommand("/usr/local/bin/stagecraft", []), AgentUnit.Environment(environment, home), home);

        text.Should().Contain("ExecStart=\"/usr/local/bin/stagecraft\" \"agent\"\n")
            .And.Contain("Environment=\"STAGECRAFT_AGENT_DIR=/srv/agent 100%%$x\\\"\"\n")
            .And.NotContain("HOME=");
    }

    [Fact]
    public async Task The_unit_passes_systemd_analyze_verify()
    {
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        analyze.Should().NotBeNull("systemd-analyze checks the unit: install the Debian package 'systemd' (scripts/test-deps.sh does)");
        var environment = Variables(new() { ["HOME"] = _temp.Path });
        var home = AgentHome.Resolve(environment);
        var unit = _temp.Write(AgentUnit.Name, AgentUnit.Text(new AgentStartCommand(Environment.ProcessPath!, [CliProcess.CliPath]), AgentUnit.Environment(environment, home), home));

        var result = await CliProcess.RunRawAsync(_temp.Path, null, analyze!, "verify", unit);

        // verify reports a bad directive on its output but still exits 0: both must be clean.
        result.ExitCode.Should().Be(0, result.ToString());
        (result.Output + result.Error).Trim().Should().BeEmpty();
    }

    [Fact]
    public async Task Without_systemd_install_writes_the_unit_and_says_how_to_start_the_agent_at_boot()
    {
        var environment = Variables(new() { ["HOME"] = _temp.Path, ["XDG_CONFIG_HOME"] = _temp.Combine("config") });
        var processes = new RecordingRunner();
        var installer = new AgentInstaller(processes, environment, _temp.Combine("no-systemd"));
        var home = AgentHome.Resolve(environment);

        var act = () => installer.InstallAsync(new AgentStartCommand("/usr/bin/dotnet", ["/opt/stagecraft.dll"]), home, null, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<StagecraftException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.StageFailed);
        error.Message.Should().Contain("systemd is not running").And.Contain(_temp.Combine("config", "systemd", "user", "stagecraft-agent.service"));
        error.Hint.Should().Be($"start the agent at boot another way, with this environment so deploys find it, e.g. the crontab line: @reboot HOME={_temp.Path} /usr/bin/dotnet /opt/stagecraft.dll agent start");
        File.ReadAllText(installer.UnitPath).Should().Contain("ExecStart=\"/usr/bin/dotnet\" \"/opt/stagecraft.dll\" \"agent\"");
        processes.Commands.Should().BeEmpty();

        (await installer.UninstallAsync(CancellationToken.None)).Should().Equal($"removed {installer.UnitPath}");
        File.Exists(installer.UnitPath).Should().BeFalse();
    }

    [Fact]
    public async Task With_systemd_install_enables_the_user_unit_turns_lingering_on_and_starts_it_unless_an_agent_runs()
    {
        var environment = Variables(new() { ["HOME"] = _temp.Path });
        Directory.CreateDirectory(_temp.Combine("systemd-runs"));
        var processes = new RecordingRunner();
        var installer = new AgentInstaller(processes, environment, _temp.Combine("systemd-runs"));
        var home = AgentHome.Resolve(environment);
        var command = new AgentStartCommand("/usr/bin/dotnet", ["/opt/stagecraft.dll"]);

        var notes = await installer.InstallAsync(command, home, null, CancellationToken.None);

        installer.UnitPath.Should().Be(_temp.Combine(".config", "systemd", "user", "stagecraft-agent.service"));
        File.Exists(installer.UnitPath).Should().BeTrue();
        processes.Commands.Should().Equal(
            "systemctl --user daemon-reload",
            "systemctl --user enable stagecraft-agent.service",
            $"loginctl enable-linger {Environment.UserName}",
            "systemctl --user start stagecraft-agent.service");
        notes.Should().Contain(n => n.Contains("starts at boot, without a login"));

        processes.Commands.Clear();
        var again = await installer.InstallAsync(command, home, 4242, CancellationToken.None);
        processes.Commands.Should().NotContain("systemctl --user start stagecraft-agent.service");
        again.Should().Contain(n => n.Contains("an agent already runs (pid 4242)"));

        processes.Commands.Clear();
        await installer.UninstallAsync(CancellationToken.None);
        processes.Commands.Should().Equal("systemctl --user disable --now stagecraft-agent.service", "systemctl --user daemon-reload");
        File.Exists(installer.UnitPath).Should().BeFalse();
    }

    [Fact]
    public async Task The_CLI_has_install_and_uninstall()
    {
        var result = await CliProcess.RunAsync(_temp.Path, new Dictionary<string, string> { ["HOME"] = _temp.Path, ["XDG_CONFIG_HOME"] = _temp.Combine("config") }, "agent", "uninstall");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain($"no unit to remove at {_temp.Combine("config", "systemd", "user", "stagecraft-agent.service")}");
    }

    private static Func<string, string?> Variables(Dictionary<string, string> values) => name => values.GetValueOrDefault(name);

    private sealed class RecordingRunner : IProcessRunner
    {
        public List<string> Commands { get; } = [];

        public Task<ProcessResult> RunAsync(ProcessSpec spec, Action<ProcessLine> onLine, CancellationToken cancellationToken)
        {
            Commands.Add(string.Join(' ', spec.Arguments));
            return Task.FromResult(new ProcessResult(0, false, TimeSpan.Zero));
        }
    }
}
