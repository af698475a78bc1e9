using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Fingerprints;
using Stagecraft.Core.References;
using Stagecraft.Core.Tests.References;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Fingerprints;

public sealed class FingerprintTests : IDisposable
{
    private const string Secret = "correct-horse-battery";

    private const string Project = """
        project: shop
        variables:
          app_port: 8080
        environments:
          dev: { target: local }
          staging: { target: local }
          other: { target: local, variables: { app_port: 9090 } }
        stages:
          web:
            kind: fake
            value: "127.0.0.1:${var.app_port}"
            env: { OUT: "${stage.dir}/out", MODE: release }
            inputs: ["app/**"]
        """;

    private readonly ProjectHarness _harness = new();

    public FingerprintTests()
    {
        _harness.Directory.Write("app/main.cs", "class App {}");
        _harness.Directory.Write("app/lib/util.cs", "class Util {}");
    }

    public void Dispose() => _harness.Dispose();

    private static async Task<Fingerprint> FingerprintOf(ProjectHarness harness, string yaml, string environment = "dev", string stage = "web")
    {
        await using var session = await harness.OpenAsync(yaml, environment);
        var snapshot = await session.State.LoadAsync(default);
        var evaluated = await session.CreateEvaluator(snapshot).EvaluateAsync(session.Project.FindStage(stage)!, new FakeOutputs(), default);
        evaluated.Errors.Should().BeEmpty();
        return evaluated.Fingerprint;
    }

    private Task<Fingerprint> FingerprintOf(string yaml, string environment = "dev") => FingerprintOf(_harness, yaml, environment);

    [Fact]
    public async Task Identical_inputs_give_identical_fingerprints()
    {
        var first = await FingerprintOf(Project);
        var second = await FingerprintOf(Project);

        second.Value.Should().Be(first.Value).And.MatchRegex("^[0-9a-f]{64}$");
        second.Manifest.Should().BeEquivalentTo(first.Manifest);
    }

    [Fact]
    public async Task Key_order_in_the_file_does_not_matter()
    {
        var reordered = Project.Replace(
            """
                value: "127.0.0.1:${var.app_port}"
                env: { OUT: "${stage.dir}/out", MODE: release }
            """,
            """
                env: { MODE: release, OUT: "${stage.dir}/out" }
                value: "127.0.0.1:${var.app_port}"
            """, StringComparison.Ordinal);
        reordered.Should().NotBe(Project);

        var original = await FingerprintOf(Project);
        var changed = await FingerprintOf(reordered);

        changed.Value.Should().Be(original.Value);
        changed.Manifest.Settings.Should().Equal(original.Manifest.Settings);
    }

    [Fact]
    public async Task Project_directory_path_does_not_matter()
    {
        using var copy = new ProjectHarness();
        copy.Directory.Write("app/main.cs", "class App {}");
        copy.Directory.Write("app/lib/util.cs", "class Util {}");
        copy.Directory.Path.Should().NotBe(_harness.Directory.Path);

        var here = await FingerprintOf(_harness, Project);
        var there = await FingerprintOf(copy, Project);

        there.Value.Should().Be(here.Value);
        there.Manifest.Files.Keys.Should().Equal("app/lib/util.cs", "app/main.cs");
        there.Manifest.Files.Should().Equal(here.Manifest.Files);
    }

    [Fact]
    public async Task Changing_a_setting_changes_the_fingerprint()
    {
        var before = await FingerprintOf(Project);
        var after = await FingerprintOf(Project.Replace("MODE: release", "MODE: debug", StringComparison.Ordinal));

        after.Value.Should().NotBe(before.Value);
        ChangeExplainer.Explain(before.Manifest, after.Manifest).Should().Equal("setting 'env' changed");
    }

    [Fact]
    public async Task Changing_a_variable_changes_the_fingerprint()
    {
        var before = await FingerprintOf(Project, "dev");
        var after = await FingerprintOf(Project, "other");

        after.Value.Should().NotBe(before.Value);
        ChangeExplainer.Explain(before.Manifest, after.Manifest).Should().Equal("variable app_port changed: '8080' -> '9090'");
    }

    [Fact]
    public async Task Changing_an_input_file_changes_the_fingerprint()
    {
        var before = await FingerprintOf(Project);
        _harness.Directory.Write("app/main.cs", "class App { int x; }");
        var after = await FingerprintOf(Project);

        after.Value.Should().NotBe(before.Value);
        ChangeExplainer.Explain(before.Manifest, after.Manifest).Should().Equal("1 input file changed: app/main.cs (modified)");
    }

    [Fact]
    public async Task Files_outside_the_input_globs_and_stagecraft_files_do_not_count()
    {
        var before = await FingerprintOf(Project);
        _harness.Directory.Write("README.md", "docs");
        _harness.Directory.Write(".stagecraft/dev/stages/web/out/app.dll", "binary");
        var after = await FingerprintOf(Project);

        after.Value.Should().Be(before.Value);
    }

    [Fact]
    public void Changing_the_driver_version_changes_the_fingerprint()
    {
        var hasher = new SecretHasher(new byte[32]);
        Fingerprint Compute(string version) => FingerprintCalculator.Compute("fake", version, ConfigMap.Empty(SourceLocation.None), ResolvedMap.Empty, ResolvedMap.Empty,
            new Dictionary<string, string>(), new ResolutionTrace(), hasher, "/p");

        var v1 = Compute("1");
        var v2 = Compute("2");

        v2.Value.Should().NotBe(v1.Value);
        Compute("1").Value.Should().Be(v1.Value);
        ChangeExplainer.Explain(v1.Manifest, v2.Manifest).Should().Equal("the fake driver changed: version 1 -> 2");
    }

    [Fact]
    public async Task Secret_enters_the_manifest_only_as_an_hmac()
    {
        _harness.Test.Local.Secrets["db_password"] = Secret;
        var yaml = Project.Replace("MODE: release", "DB: \"${secret:db_password}\"", StringComparison.Ordinal);

        var fingerprint = await FingerprintOf(yaml);

        var manifest = JsonSerializer.Serialize(fingerprint.Manifest);
        manifest.Should().NotContain(Secret);
        var bareHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Secret)));
        manifest.Should().NotContain(bareHash[..32]);
        fingerprint.Manifest.References["secret:db_password"].Should().Match<ManifestValue>(v => v.Sensitive && v.Value.StartsWith("hmac:"));
    }

    [Fact]
    public async Task Same_hmac_key_gives_the_same_fingerprint_for_a_secret()
    {
        _harness.Test.Local.Secrets["db_password"] = Secret;
        var yaml = Project.Replace("MODE: release", "DB: \"${secret:db_password}\"", StringComparison.Ordinal);

        var first = await FingerprintOf(yaml, "dev");
        var second = await FingerprintOf(yaml, "dev");

        second.Value.Should().Be(first.Value);
    }

    [Fact]
    public async Task Different_hmac_keys_give_different_fingerprints_for_the_same_secret()
    {
        // Two copies of the project with separate state (each state has its own key); without the
        // secret their fingerprints are equal (see Project_directory_path_does_not_matter).
        using var copy = new ProjectHarness();
        copy.Directory.Write("app/main.cs", "class App {}");
        copy.Directory.Write("app/lib/util.cs", "class Util {}");
        _harness.Test.Local.Secrets["db_password"] = Secret;
        copy.Test.Local.Secrets["db_password"] = Secret;
        var yaml = Project.Replace("MODE: release", "DB: \"${secret:db_password}\"", StringComparison.Ordinal);
        _harness.State("dev").HmacKey.Should().NotEqual(copy.State("dev").HmacKey);

        var here = await FingerprintOf(_harness, yaml);
        var there = await FingerprintOf(copy, yaml);

        there.Value.Should().NotBe(here.Value);
        there.Manifest.References["secret:db_password"].Should().NotBe(here.Manifest.References["secret:db_password"]);
    }

    [Fact]
    public async Task Changing_a_secret_changes_the_fingerprint_and_is_explained_without_values()
    {
        _harness.Test.Local.Secrets["db_password"] = Secret;
        var yaml = Project.Replace("MODE: release", "DB: \"${secret:db_password}\"", StringComparison.Ordinal);
        var before = await FingerprintOf(yaml);

        _harness.Test.Local.Secrets["db_password"] = "tr0ub4dor-and-3";
        var after = await FingerprintOf(yaml);

        after.Value.Should().NotBe(before.Value);
        var reasons = ChangeExplainer.Explain(before.Manifest, after.Manifest);
        reasons.Should().Equal("secret db_password changed");
        string.Join("\n", reasons).Should().NotContain(Secret).And.NotContain("tr0ub4dor");
    }

    [Fact]
    public async Task Input_pattern_that_climbs_out_through_a_reference_is_an_error_not_a_crash()
    {
        var yaml = Project
            .Replace("app_port: 8080", "app_port: 8080\n  up: \"..\"", StringComparison.Ordinal)
            .Replace("inputs: [\"app/**\"]", "inputs: [\"${var.up}/outside-*/**\", \"app/${var.up}/x\"]", StringComparison.Ordinal);
        await using var session = await _harness.OpenAsync(yaml, "dev");
        var snapshot = await session.State.LoadAsync(default);

        var evaluated = await session.CreateEvaluator(snapshot).EvaluateAsync(session.Project.FindStage("web")!, new FakeOutputs(), default);

        evaluated.Errors.Select(e => e.Message).Should().Equal("input pattern '../outside-*/**' uses '..'", "input pattern 'app/../x' uses '..'");
        evaluated.Fingerprint.Manifest.Files.Should().BeEmpty();
    }
}
