using Stagecraft.Core.Fingerprints;

namespace Stagecraft.Core.Tests.Fingerprints;

public sealed class ChangeExplainerTests
{
    private static FingerprintManifest Manifest(
        string kind = "fake",
        string driver = "1",
        Dictionary<string, string>? settings = null,
        Dictionary<string, ManifestValue>? references = null,
        Dictionary<string, string>? files = null) =>
        new(kind, driver, settings ?? [], references ?? [], files ?? []);

    [Fact]
    public void Nothing_changed_gives_no_reasons()
    {
        ChangeExplainer.Explain(Manifest(), Manifest()).Should().BeEmpty();
    }

    [Fact]
    public void Variable_change_shows_old_and_new_value()
    {
        var before = Manifest(references: new() { ["var.app_port"] = new("8080", false) });
        var after = Manifest(references: new() { ["var.app_port"] = new("8081", false) });

        ChangeExplainer.Explain(before, after).Should().Equal("variable app_port changed: '8080' -> '8081'");
    }

    [Fact]
    public void Secret_change_is_named_without_values()
    {
        var before = Manifest(references: new() { ["secret:db_password"] = new("hmac:aaaa", true) });
        var after = Manifest(references: new() { ["secret:db_password"] = new("hmac:bbbb", true) });

        var reasons = ChangeExplainer.Explain(before, after);

        reasons.Should().Equal("secret db_password changed");
        reasons.Single().Should().NotContain("hmac");
    }

    [Fact]
    public void Variable_holding_a_secret_is_named_without_values()
    {
        var before = Manifest(references: new() { ["var.db_url"] = new("hmac:aaaa", true) });
        var after = Manifest(references: new() { ["var.db_url"] = new("hmac:bbbb", true) });

        ChangeExplainer.Explain(before, after).Should().Equal("variable db_url changed");
    }

    [Fact]
    public void Each_reference_kind_has_a_readable_label()
    {
        var before = Manifest(references: new()
        {
            ["stages.common.outputs.efs"] = new("fs-1", false),
            ["os:GIT_COMMIT"] = new("abc", false),
            ["ssm:/shop/dev/x"] = new("1", false),
            ["environment"] = new("dev", false),
        });
        var after = Manifest(references: new()
        {
            ["stages.common.outputs.efs"] = new("fs-2", false),
            ["os:GIT_COMMIT"] = new("def", false),
            ["ssm:/shop/dev/x"] = new("2", false),
            ["environment"] = new("prod", false),
        });

        ChangeExplainer.Explain(before, after).Should().Equal(
            "environment changed: 'dev' -> 'prod'",
            "environment variable GIT_COMMIT changed: 'abc' -> 'def'",
            "parameter /shop/dev/x changed: '1' -> '2'",
            "output efs of common changed: 'fs-1' -> 'fs-2'");
    }

    [Fact]
    public void References_added_or_dropped_are_named()
    {
        var before = Manifest(references: new() { ["var.old"] = new("1", false) });
        var after = Manifest(references: new() { ["var.new"] = new("1", false) });

        ChangeExplainer.Explain(before, after).Should().Equal("now uses variable new", "no longer uses variable old");
    }

    [Fact]
    public void Settings_edited_added_and_removed_are_named()
    {
        var before = Manifest(settings: new() { ["run"] = "h1", ["env"] = "h2" });
        var after = Manifest(settings: new() { ["run"] = "h9", ["timeout"] = "h3" });

        ChangeExplainer.Explain(before, after).Should().Equal("setting 'env' removed", "setting 'run' changed", "setting 'timeout' added");
    }

    [Fact]
    public void Input_files_modified_added_and_removed_are_named()
    {
        var before = Manifest(files: new() { ["app/a.cs"] = "1", ["app/b.cs"] = "2", ["app/gone.cs"] = "3" });
        var after = Manifest(files: new() { ["app/a.cs"] = "1", ["app/b.cs"] = "9", ["app/new.cs"] = "4" });

        ChangeExplainer.Explain(before, after).Should().Equal("3 input files changed: app/b.cs (modified), app/gone.cs (removed), app/new.cs (added)");
    }

    [Fact]
    public void Many_changed_files_are_summarised_after_five()
    {
        var after = Manifest(files: Enumerable.Range(1, 8).ToDictionary(i => $"f{i}", i => "x"));

        ChangeExplainer.Explain(Manifest(), after).Should().Equal(
            "8 input files changed: f1 (added), f2 (added), f3 (added), f4 (added), f5 (added), and 3 more");
    }

    [Fact]
    public void Driver_and_kind_changes_are_explained()
    {
        ChangeExplainer.Explain(Manifest(driver: "1"), Manifest(driver: "2")).Should().Equal("the fake driver changed: version 1 -> 2");
        ChangeExplainer.Explain(Manifest(kind: "command"), Manifest(kind: "docker", driver: "7")).Should().Equal("kind changed: command -> docker");
    }

    [Fact]
    public void Long_values_are_shortened()
    {
        var before = Manifest(references: new() { ["var.x"] = new(new string('a', 100), false) });
        var after = Manifest(references: new() { ["var.x"] = new("b", false) });

        ChangeExplainer.Explain(before, after).Single().Should().Be($"variable x changed: '{new string('a', 57)}...' -> 'b'");
    }
}
