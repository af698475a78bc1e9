using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>The parameters kind, ${ssm:} and ${secret:} through the real SSM SDK client against moto.</summary>
public sealed class ParameterMotoTests : IClassFixture<MotoFixture>, IAsyncLifetime, IDisposable
{
    private readonly MotoServer _moto;
    private readonly MotoProject _project;

    public ParameterMotoTests(MotoFixture moto)
    {
        _moto = moto;
        _project = new MotoProject(moto);
        _project.Write("stagecraft.yml", """
            project: demo
            environments:
              moto:
                target: aws
                region: eu-west-2
                endpoint_url: {moto}
            stages:
              settings:
                kind: parameters
                path: /demo/moto/settings/
                values:
                  image_id: "${ssm:/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id}"
                  db_password: "${secret:DB_PASSWORD}"
                  greeting: hello
            """);
    }

    public Task InitializeAsync() => _moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_secret_set_by_the_cli_is_a_SecureString_that_the_parameters_kind_publishes_encrypted_and_never_prints()
    {
        await _project.RunWithInputAsync("s3cr3t-value\n", "secret", "set", "DB_PASSWORD", "-e", "moto");
        var stored = await _moto.AwsAsync("ssm", "get-parameter", "--name", "/stagecraft/demo/moto/secrets/DB_PASSWORD");
        stored!.Value.GetProperty("Parameter").GetProperty("Type").GetString().Should().Be("SecureString");

        var deploy = await _project.SucceedsAsync("deploy", "-e", "moto");
        deploy.Output.Should().NotContain("s3cr3t-value");
        _project.StageLog("moto", "settings").Should().NotContain("s3cr3t-value");

        var password = await _moto.AwsAsync("ssm", "get-parameter", "--name", "/demo/moto/settings/db_password", "--with-decryption");
        password!.Value.GetProperty("Parameter").GetProperty("Type").GetString().Should().Be("SecureString");
        password.Value.GetProperty("Parameter").GetProperty("Value").GetString().Should().Be("s3cr3t-value");
        var recommended = await _moto.AwsAsync("ssm", "get-parameter", "--name", "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id");
        var image = await _moto.AwsAsync("ssm", "get-parameter", "--name", "/demo/moto/settings/image_id");
        image!.Value.GetProperty("Parameter").GetProperty("Value").GetString().Should().Be(recommended!.Value.GetProperty("Parameter").GetProperty("Value").GetString()).And.StartWith("ami-");
        var greeting = await _moto.AwsAsync("ssm", "get-parameter", "--name", "/demo/moto/settings/greeting");
        greeting!.Value.GetProperty("Parameter").GetProperty("Type").GetString().Should().Be("String");

        var again = await _project.SucceedsAsync("plan", "-e", "moto");
        again.Output.Should().Contain("No changes", again.ToString());
    }

    [Fact]
    public async Task A_plain_String_where_a_secret_should_be_is_refused()
    {
        await _moto.AwsAsync("ssm", "put-parameter", "--name", "/stagecraft/demo/moto/secrets/DB_PASSWORD", "--type", "String", "--value", "not-secret");

        var deploy = await _project.RunAsync("deploy", "-e", "moto");

        deploy.ExitCode.Should().NotBe(0, deploy.ToString());
        (deploy.Output + deploy.Error).Should().Contain("DB_PASSWORD");
        await FluentActions.Awaiting(() => _moto.AwsAsync("ssm", "get-parameter", "--name", "/demo/moto/settings/greeting")).Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task Destroy_deletes_the_published_parameters()
    {
        await _project.RunWithInputAsync("pw\n", "secret", "set", "DB_PASSWORD", "-e", "moto");
        await _project.SucceedsAsync("deploy", "-e", "moto");

        await _project.SucceedsAsync("destroy", "-e", "moto", "--yes");

        var left = await _moto.AwsAsync("ssm", "get-parameters-by-path", "--path", "/demo/moto/settings/");
        left!.Value.GetProperty("Parameters").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_service_endpoint_wins_over_endpoint_url()
    {
        _project.Write("stagecraft.yml", """
            project: demo
            environments:
              moto:
                target: aws
                region: eu-west-2
                endpoint_url: http://127.0.0.1:9
                endpoints: { ssm: "{moto}" }
            stages:
              settings:
                kind: parameters
                path: /demo/moto/split/
                values:
                  greeting: hello
            """);

        await _project.SucceedsAsync("deploy", "-e", "moto");

        var greeting = await _moto.AwsAsync("ssm", "get-parameter", "--name", "/demo/moto/split/greeting");
        greeting!.Value.GetProperty("Parameter").GetProperty("Value").GetString().Should().Be("hello");
    }

    [Theory]
    [InlineData("endpoint_url: localhost:5000", "endpoint_url of environment 'moto' ('localhost:5000') is not an http:// or https:// URL", 6, 19)]
    [InlineData("endpoints: { sqs: \"http://127.0.0.1:5000\" }", "'endpoints' of environment 'moto' names an unknown service 'sqs'", 6, 18)]
    [InlineData("endpoints: { ssm: \"ftp://127.0.0.1\" }", "endpoints.ssm of environment 'moto' ('ftp://127.0.0.1') is not an http:// or https:// URL", 6, 24)]
    public async Task A_bad_endpoint_is_refused_with_its_location_before_anything_is_called(string setting, string message, int line, int column)
    {
        _project.Write("stagecraft.yml", "project: demo\nenvironments:\n  moto:\n    target: aws\n    region: eu-west-2\n    " + setting
            + "\nstages:\n  settings:\n    kind: parameters\n    path: /demo/moto/bad/\n    values: { greeting: hello }\n");

        var result = await _project.RunAsync("deploy", "-e", "moto");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Contain($"stagecraft.yml:{line}:{column}").And.Contain(message);
        var left = await _moto.AwsAsync("ssm", "get-parameters-by-path", "--path", "/demo/moto/bad/");
        left!.Value.GetProperty("Parameters").GetArrayLength().Should().Be(0);
    }
}
