using System.Diagnostics;
using System.Text.Json;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Aws.Tests.Examples;

/// <summary>
/// examples/election-app: the CDK app synthesizes with its pinned packages (scripts/test-deps.sh
/// runs npm ci from its package-lock.json), with an explicit account and region and no AWS
/// access, and every CloudFormation template of the example passes cfn-lint with no errors.
/// </summary>
public sealed class ElectionAppCdkSynthTests : IDisposable
{
    private readonly TempDirectory _directory = new("stagecraft-election-cdk");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_cdk_app_synthesizes_offline_with_cloudfront_the_us_east_1_certificate_and_no_auto_scaling_group_and_lints_clean()
    {
        var modules = Path.Combine(Path.GetDirectoryName(ExampleProject.Folder("election-app"))!, "..", ".build", "node", "election-app-cdk", "node_modules");
        if (!File.Exists(Path.Combine(modules, ".bin", "cdk")))
        {
            throw new InvalidOperationException("the election-app CDK packages are missing: run scripts/test-deps.sh (npm ci into .build/node/election-app-cdk)");
        }

        var app = Path.Combine(ExampleProject.Folder("election-app"), "cdk");
        foreach (var file in new[] { "cdk.json", "tsconfig.json", "package.json", Path.Combine("bin", "app.ts"), Path.Combine("lib", "election-app-stack.ts") })
        {
            _directory.Write(file, File.ReadAllText(Path.Combine(app, file)));
        }

        File.CreateSymbolicLink(_directory.Combine("node_modules"), Path.GetFullPath(modules));
        string[] context =
        [
            "dc-environment=development", "account=123456789012", "region=eu-west-2", "fqdn=elections.example.org",
            "hosted_zone_id=Z0123456789ABCDEFGHIJ", "ssl_certificate_arn=arn:aws:acm:us-east-1:123456789012:certificate/abc",
            "ami_id=ami-0123456789abcdef0", "app_port=8001", "app_dir=/srv/election-app", "instance_type=t3.medium",
        ];

        // No credentials and an unreachable endpoint: a lookup would fail instead of reaching AWS.
        var synth = await RunAsync(_directory.Combine("node_modules", ".bin", "cdk"), ["synth", "--no-notices", "-o", "out", .. context.SelectMany(c => new[] { "-c", c })]);

        synth.Code.Should().Be(0, synth.Output);
        var template = _directory.Combine("out", "ElectionApp-development.template.json");
        using var json = JsonDocument.Parse(File.ReadAllText(template));
        var types = json.RootElement.GetProperty("Resources").EnumerateObject().Select(r => r.Value.GetProperty("Type").GetString()).ToList();
        types.Should().Contain("AWS::CloudFront::Distribution").And.Contain("AWS::Route53::RecordSet").And.Contain("AWS::EC2::LaunchTemplate")
            .And.NotContain("AWS::AutoScaling::AutoScalingGroup", "CodeDeploy replaces the group on every release, so the release stage owns it");
        json.RootElement.GetRawText().Should().Contain("arn:aws:acm:us-east-1:123456789012:certificate/abc");
        var missing = JsonDocument.Parse(File.ReadAllText(_directory.Combine("out", "manifest.json"))).RootElement;
        missing.TryGetProperty("missing", out _).Should().BeFalse("the app needs no context lookup");

        var lint = await RunAsync("cfn-lint", [template, Path.Combine(ExampleProject.Folder("election-app"), "templates", "certificate.yml")]);
        lint.Code.Should().Be(0, "cfn-lint reports errors (2), warnings (4) or informational findings (8):\n" + lint.Output);
    }

    private async Task<(int Code, string Output)> RunAsync(string program, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = _directory.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["CDK_DISABLE_VERSION_CHECK"] = "1";
        start.Environment["HOME"] = _directory.Path;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }
}
