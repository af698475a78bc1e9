using Stagecraft.Local.Agent.Protocol;
using Stagecraft.Local.Agent.Releases;
using Stagecraft.Local.Agent.Runtime;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Agent.Units;

/// <summary>Small pieces of the agent: restart backoff, log rotation, listen addresses, appspec and hook checks.</summary>
public sealed class AgentPartsTests
{
    [Fact]
    public void Restart_delays_double_up_to_the_cap()
    {
        var policy = new RestartPolicy(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 5);

        Enumerable.Range(1, 5).Select(policy.DelayFor).Should().Equal(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_log_rolls_over_by_size_and_keeps_the_asked_number_of_files()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("r1-0.log");
        using (var log = new RotatingLog(path, 1024, 2))
        {
            for (var i = 0; i < 100; i++)
            {
                log.Write($"line {i} " + new string('x', 80));
            }

            log.Tail(2).Should().Equal("line 98 " + new string('x', 80), "line 99 " + new string('x', 80));
        }

        File.Exists(path + ".1").Should().BeTrue();
        File.Exists(path + ".2").Should().BeTrue();
        File.Exists(path + ".3").Should().BeFalse();
        File.ReadAllText(path).Should().Contain("line 99");
        new FileInfo(path).Length.Should().BeLessThanOrEqualTo(1024);
    }

    [Theory]
    [InlineData("127.0.0.1:8080", true)]
    [InlineData("[::1]:8080", true)]
    [InlineData("localhost:8080", true)]
    [InlineData("0.0.0.0:443", true)]
    [InlineData("[::]:443", true)]
    [InlineData("10.0.0.5:8080", true)]
    [InlineData("::1:8080", false)]
    [InlineData("example.com:80", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.0.0.1:70000", false)]
    public void Any_IP_address_and_port_may_be_listened_on(string listen, bool accepted)
    {
        ListenAddress.TryParse(listen, out _, out var error).Should().Be(accepted, error);
    }

    [Fact]
    public void Appspec_hooks_are_read_in_CodeDeploy_format()
    {
        using var revision = new TempDirectory();
        revision.Write("appspec.yml", "version: 0.0\nos: linux\nfiles: []\nhooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: 30\n      runas: app\n    - location: b.sh\n");

        var hooks = AppSpecReader.Read(revision.Path);

        hooks[LifecycleEvent.AfterInstall].Should().Equal(new HookSpec("a.sh", TimeSpan.FromSeconds(30), "app"), new HookSpec("b.sh", AppSpecReader.DefaultTimeout, null));
    }

    [Theory]
    [InlineData("hooks:\n  BeforeAllowTraffic:\n    - location: a.sh\n", "not one a service runs")]
    [InlineData("hooks:\n  AfterInstall:\n    - location: a.sh\n      timeout: soon\n", "whole number of seconds")]
    [InlineData("hooks:\n  AfterInstall:\n    - timeout: 3\n", "needs a 'location'")]
    public void A_wrong_appspec_is_refused_with_what_is_wrong(string yaml, string message)
    {
        using var revision = new TempDirectory();
        revision.Write("appspec.yml", yaml);

        var read = () => AppSpecReader.Read(revision.Path);

        read.Should().Throw<ReleaseFailedException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Runas_without_root_is_refused_before_anything_starts()
    {
        var appspec = new Dictionary<string, IReadOnlyList<HookSpec>> { [LifecycleEvent.ApplicationStart] = [new HookSpec("start.sh", TimeSpan.FromSeconds(5), "www-data")] };

        var build = () => HookPlan.Build(Spec(), appspec, "/srv/releases/r1", isRoot: false, userExists: _ => true);

        build.Should().Throw<ReleaseFailedException>().WithMessage("*runas: www-data*does not run as root*")
            .Which.Hint.Should().Contain("run the agent as root");
    }

    [Fact]
    public void Runas_names_a_user_that_must_exist_and_appspec_scripts_stay_inside_the_revision()
    {
        var unknown = new Dictionary<string, IReadOnlyList<HookSpec>> { [LifecycleEvent.AfterInstall] = [new HookSpec("a.sh", TimeSpan.FromSeconds(5), "nobody-here")] };
        var outside = new Dictionary<string, IReadOnlyList<HookSpec>> { [LifecycleEvent.AfterInstall] = [new HookSpec("../../etc/x.sh", TimeSpan.FromSeconds(5), null)] };

        FluentActions.Invoking(() => HookPlan.Build(Spec(), unknown, "/srv/releases/r1", isRoot: true, userExists: _ => false))
            .Should().Throw<ReleaseFailedException>().WithMessage("*no such user*");
        FluentActions.Invoking(() => HookPlan.Build(Spec(), outside, "/srv/releases/r1", isRoot: true, userExists: _ => true))
            .Should().Throw<ReleaseFailedException>().WithMessage("*outside the revision*");
    }

    private static ServiceSpec Spec() => new() { Project = "p", Environment = "e", Stage = "s", Revision = "/tmp", Start = ["true"], Listen = "127.0.0.1:1" };
}
