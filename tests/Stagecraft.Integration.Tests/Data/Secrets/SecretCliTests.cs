using Microsoft.Data.Sqlite;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Data.Secrets;

/// <summary>stagecraft secret set/list/remove and param verbs through the real CLI code path.</summary>
public sealed class SecretCliTests : IDisposable
{
    private const string Value = "hunter2-Value-7731";
    private readonly TempDirectory _project = new("stagecraft-secret-cli");
    private readonly TempDirectory _keys = new("stagecraft-keys");
    private readonly CliHarness _cli;

    public SecretCliTests()
    {
        _project.Write("stagecraft.yml", """
            project: shop
            environments:
              local: { target: local }
            stages:
              common:
                kind: parameters
                path: /shop/local/common/
                values: { region: here }
            """);
        _cli = new CliHarness(KeyDirectory);
    }

    private string File => _project.Combine("stagecraft.yml");

    private string KeyDirectory => Path.Combine(_keys.Path, "stagecraft", "keys");

    private string KeyFile => Path.Combine(KeyDirectory, "shop-local.key");

    private string SecretsFile => _project.Combine(".stagecraft", "local.secrets.db");

    [Fact]
    public async Task Set_reads_stdin_creates_a_private_key_outside_the_project_and_list_shows_names_only()
    {
        var set = await _cli.RunAsync(Value + "\n", "secret", "set", "db_password", "-f", File, "-e", "local");
        set.Exit.Should().Be(0, set.ToString());
        set.Error.Should().Contain("created a new secret key").And.Contain(KeyFile);

        var list = await _cli.RunAsync(null, "secret", "list", "-f", File, "-e", "local");
        list.Exit.Should().Be(0, list.ToString());
        list.Out.Should().Contain("db_password").And.Contain("by tester@test-host");
        var json = await _cli.RunAsync(null, "secret", "list", "-f", File, "--json");
        json.Out.Should().Contain("\"name\": \"db_password\"");

        FileModes.Of(KeyFile).Should().Be(FileModes.OwnerFile);
        FileModes.Of(KeyDirectory).Should().Be(FileModes.OwnerDirectory);
        FileModes.Of(SecretsFile).Should().Be(FileModes.OwnerFile);
        System.IO.File.ReadAllBytes(SecretsFile).Should().NotContainInOrder(System.Text.Encoding.UTF8.GetBytes(Value));
        _cli.Transcript.Should().NotContain(t => t.Contains(Value, StringComparison.Ordinal));
        (await ReadSecretAsync("db_password")).Should().Be(Value);
    }

    [Fact]
    public async Task A_value_given_as_an_argument_is_refused_without_being_repeated()
    {
        var result = await _cli.RunAsync(null, "secret", "set", "db_password", Value, "-f", File);
        var flag = await _cli.RunAsync(null, "secret", "set", "db_password", "--value=" + Value, "-f", File);
        var put = await _cli.RunAsync(null, "param", "put", "/shop/local/x", Value, "--secure", "-f", File);

        foreach (var refused in new[] { result, flag, put })
        {
            refused.Exit.Should().Be(2, refused.ToString());
            refused.Error.Should().Contain("never taken from the command line");
        }

        _cli.Transcript.Should().NotContain(t => t.Contains(Value, StringComparison.Ordinal));
        System.IO.File.Exists(SecretsFile).Should().BeFalse();
    }

    [Fact]
    public async Task An_empty_value_is_refused()
    {
        var result = await _cli.RunAsync("\n", "secret", "set", "db_password", "-f", File);

        result.Exit.Should().Be(2);
        result.Error.Should().Contain("no value given");
        System.IO.File.Exists(KeyFile).Should().BeFalse();
    }

    [Fact]
    public async Task The_key_can_come_from_the_environment_variable_instead_of_a_file()
    {
        _cli.Host.Environment["STAGECRAFT_SECRET_KEY"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7)).ToArray());

        var set = await _cli.RunAsync(Value, "secret", "set", "api_token", "-f", File);

        set.Exit.Should().Be(0, set.ToString());
        set.Error.Should().NotContain("created a new secret key");
        System.IO.File.Exists(KeyFile).Should().BeFalse();
        (await ReadSecretAsync("api_token")).Should().Be(Value);
    }

    [Fact]
    public async Task Another_key_is_a_clear_error_naming_where_the_key_came_from()
    {
        (await _cli.RunAsync(Value, "secret", "set", "db_password", "-f", File)).Exit.Should().Be(0);
        _cli.Host.Environment["STAGECRAFT_SECRET_KEY"] = Convert.ToBase64String(new byte[32]);

        var again = await _cli.RunAsync("other", "secret", "set", "db_password", "-f", File);
        var read = () => ReadSecretAsync("db_password");

        again.Exit.Should().Be(2, again.ToString());
        again.Error.Should().Contain("sealed with another key").And.Contain("STAGECRAFT_SECRET_KEY");
        (await read.Should().ThrowAsync<Core.Diagnostics.StagecraftException>()).Which.Message.Should().Contain("another key");
    }

    [Fact]
    public async Task A_missing_key_names_both_ways_to_provide_it()
    {
        (await _cli.RunAsync(Value, "secret", "set", "db_password", "-f", File)).Exit.Should().Be(0);
        System.IO.File.Delete(KeyFile);

        var read = () => ReadSecretAsync("db_password");

        var error = (await read.Should().ThrowAsync<Core.Diagnostics.StagecraftException>()).Which;
        error.Message.Should().Contain("no secret key for environment 'local'");
        error.Hint.Should().Contain("STAGECRAFT_SECRET_KEY").And.Contain(KeyFile);
    }

    [Fact]
    public async Task A_key_directory_inside_the_project_is_refused()
    {
        _cli.Host.Environment["STAGECRAFT_KEY_DIR"] = _project.Combine("keys");

        var result = await _cli.RunAsync(Value, "secret", "set", "db_password", "-f", File);

        result.Exit.Should().Be(2);
        result.Error.Should().Contain("inside the project directory");
        Directory.Exists(_project.Combine("keys")).Should().BeFalse();
    }

    [Fact]
    public async Task A_key_file_others_can_read_is_refused()
    {
        (await _cli.RunAsync(Value, "secret", "set", "db_password", "-f", File)).Exit.Should().Be(0);
        FileModes.Set(KeyFile, FileModes.OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await _cli.RunAsync("new-value", "secret", "set", "db_password", "-f", File);

        result.Exit.Should().Be(2);
        result.Error.Should().Contain("readable by other users").And.Contain("chmod 600");
    }

    [Fact]
    public async Task Remove_deletes_a_secret_and_an_unknown_name_gets_a_suggestion()
    {
        (await _cli.RunAsync(Value, "secret", "set", "db_password", "-f", File)).Exit.Should().Be(0);

        var typo = await _cli.RunAsync(null, "secret", "remove", "db_pasword", "-f", File);
        var removed = await _cli.RunAsync(null, "secret", "remove", "db_password", "-f", File);

        typo.Exit.Should().Be(2);
        typo.Error.Should().Contain("did you mean 'db_password'");
        removed.Exit.Should().Be(0, removed.ToString());
        (await _cli.RunAsync(null, "secret", "list", "-f", File)).Out.Should().Contain("No secrets");
    }

    [Fact]
    public async Task Param_verbs_put_get_list_and_delete_with_secure_values_masked()
    {
        (await _cli.RunAsync(null, "param", "put", "/shop/local/common/db_host", "10.1.2.3", "-f", File)).Exit.Should().Be(0);
        var secure = await _cli.RunAsync(Value + "\n", "param", "put", "/shop/local/common/db_password", "--secure", "-f", File);
        secure.Exit.Should().Be(0, secure.ToString());
        secure.Error.Should().Contain("notice: created a new secret key for environment 'local'", "the first secure value makes the key, which must be backed up");
        var again = await _cli.RunAsync(Value + "\n", "param", "put", "/shop/local/common/db_password", "--secure", "-f", File);
        again.Error.Should().NotContain("created a new secret key");

        (await _cli.RunAsync(null, "param", "get", "/shop/local/common/db_host", "-f", File)).Out.Should().Be("10.1.2.3\n");
        (await _cli.RunAsync(null, "param", "get", "/shop/local/common/db_password", "-f", File)).Out.Should().Be("****\n");
        var json = await _cli.RunAsync(null, "param", "get", "/shop/local/common/db_password", "--json", "-f", File);
        json.Out.Should().Contain("\"secure\": true").And.Contain("\"value\": \"****\"");
        var list = await _cli.RunAsync(null, "param", "list", "/shop/local", "-f", File);
        list.Out.Should().Be("/shop/local/common/db_host = 10.1.2.3\n/shop/local/common/db_password = ****\n");
        _cli.Transcript.Should().NotContain(t => t.Contains(Value, StringComparison.Ordinal));

        var decrypted = await _cli.RunAsync(null, "param", "get", "/shop/local/common/db_password", "--decrypt", "-f", File);
        decrypted.Out.Should().Be(Value + "\n");

        (await _cli.RunAsync(null, "param", "delete", "/shop/local/common/db_host", "-f", File)).Exit.Should().Be(0);
        var missing = await _cli.RunAsync(null, "param", "get", "/shop/local/common/db_host", "-f", File);
        missing.Exit.Should().Be(2);
        missing.Error.Should().Contain("does not exist");
        (await _cli.RunAsync(null, "param", "put", "no-slash", "x", "-f", File)).Error.Should().Contain("must start with '/'");
    }

    public void Dispose()
    {
        _project.Dispose();
        _keys.Dispose();
    }

    // Reads through the same store the CLI and the local target use, with the harness's environment.
    private async Task<string?> ReadSecretAsync(string name)
    {
        var keys = new Local.Secrets.EnvironmentKeySource("shop", "local", _project.Path, _cli.Host.GetEnvironmentVariable);
        var store = new Local.Secrets.LocalSecretStore(SecretsFile, "shop", "local", keys, TimeProvider.System, "tester@test-host");
        SqliteConnection.ClearAllPools();
        return await store.GetAsync(name, default);
    }
}
