using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Stagecraft.Aws.Cli;
using Stagecraft.Aws.Parameters;
using Stagecraft.Aws.Sdk;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Parameters;
using Parameter = Amazon.SimpleSystemsManagement.Model.Parameter;
using Stagecraft.Core.References;

namespace Stagecraft.Aws.Tests.Seams;

public sealed class SsmParameterStoreTests
{
    private readonly IAmazonSimpleSystemsManagement _ssm = Substitute.For<IAmazonSimpleSystemsManagement>();
    private readonly SsmParameterStore _store;

    public SsmParameterStoreTests()
    {
        _store = new SsmParameterStore(_ssm, new SdkCall(AwsRetry.Create(TimeSpan.FromMilliseconds(1), 3, TimeProvider.System)));
    }

    [Fact]
    public async Task Reads_decrypted_and_tells_secure_from_plain()
    {
        _ssm.GetParameterAsync(Arg.Is<GetParameterRequest>(r => r.Name == "/app/db" && r.WithDecryption == true), Arg.Any<CancellationToken>())
            .Returns(new GetParameterResponse { Parameter = new Parameter { Name = "/app/db", Value = "pw", Type = ParameterType.SecureString } });

        var parameter = await _store.GetAsync("/app/db", CancellationToken.None);

        parameter.Should().NotBeNull();
        (parameter!.Name, parameter.Value, parameter.Secure).Should().Be(("/app/db", "pw", true));
    }

    [Fact]
    public async Task A_missing_parameter_is_null_and_a_missing_delete_is_false()
    {
        _ssm.GetParameterAsync(Arg.Any<GetParameterRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(new ParameterNotFoundException("nope"));
        _ssm.DeleteParameterAsync(Arg.Any<DeleteParameterRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(new ParameterNotFoundException("nope"));

        (await _store.GetAsync("/x", CancellationToken.None)).Should().BeNull();
        (await _store.DeleteAsync("/x", CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task Secure_puts_are_secure_strings_and_overwrite()
    {
        await _store.PutAsync("/app/key", "v", secure: true, CancellationToken.None);

        await _ssm.Received().PutParameterAsync(Arg.Is<PutParameterRequest>(r => r.Type == ParameterType.SecureString && r.Overwrite == true && r.Value == "v"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Lists_every_page_under_the_prefix()
    {
        _ssm.GetParametersByPathAsync(Arg.Is<GetParametersByPathRequest>(r => r.Path == "/app" && r.NextToken == null), Arg.Any<CancellationToken>())
            .Returns(new GetParametersByPathResponse { Parameters = [new Parameter { Name = "/app/a", Value = "1", Type = ParameterType.String }, new Parameter { Name = "/apple", Value = "x", Type = ParameterType.String }], NextToken = "t" });
        _ssm.GetParametersByPathAsync(Arg.Is<GetParametersByPathRequest>(r => r.NextToken == "t"), Arg.Any<CancellationToken>())
            .Returns(new GetParametersByPathResponse { Parameters = [new Parameter { Name = "/app/b", Value = "2", Type = ParameterType.SecureString }] });

        var entries = await _store.ListAsync("/app/", CancellationToken.None);

        entries.Select(e => (e.Name, e.Secure)).Should().Equal(("/app/a", false), ("/app/b", true));
    }

    [Fact]
    public async Task Throttling_is_retried_and_access_denied_names_the_action()
    {
        _ssm.GetParameterAsync(Arg.Any<GetParameterRequest>(), Arg.Any<CancellationToken>()).Returns(
            _ => throw new AmazonSimpleSystemsManagementException("Rate exceeded") { ErrorCode = "ThrottlingException" },
            _ => Task.FromResult(new GetParameterResponse { Parameter = new Parameter { Value = "ok", Type = ParameterType.String } }));
        (await _store.GetAsync("/a", CancellationToken.None))!.Value.Should().Be("ok");

        _ssm.PutParameterAsync(Arg.Any<PutParameterRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AmazonSimpleSystemsManagementException("User: x is not authorized to perform: ssm:PutParameter on resource: y") { ErrorCode = "AccessDeniedException" });
        var act = () => _store.PutAsync("/a", "v", false, CancellationToken.None);
        (await act.Should().ThrowAsync<AwsException>()).Which.Message.Should().StartWith("SC-AWS-0003").And.Contain("ssm:PutParameter");
    }

    [Fact]
    public async Task References_read_ssm_paths_and_secrets_under_the_project_and_environment()
    {
        var parameters = new InMemoryParameters();
        await parameters.PutAsync("/election/production/FQDN", "elections.example.org", false, CancellationToken.None);
        await parameters.PutAsync("/stagecraft/election/production/secrets/DB_PASSWORD", "pw", true, CancellationToken.None);
        await parameters.PutAsync("/stagecraft/election/production/secrets/PLAIN", "oops", false, CancellationToken.None);
        var values = new StoreExternalValues(parameters, new SsmSecretStore(parameters, "election", "production"));

        (await values.GetAsync(ReferenceKind.Ssm, "/election/production/FQDN", CancellationToken.None)).Should().Be(new ExternalValue("elections.example.org", false));
        (await values.GetAsync(ReferenceKind.Secret, "DB_PASSWORD", CancellationToken.None)).Should().Be(new ExternalValue("pw", true));
        (await values.GetAsync(ReferenceKind.Secret, "MISSING", CancellationToken.None)).Should().BeNull();
        var plain = () => values.GetAsync(ReferenceKind.Secret, "PLAIN", CancellationToken.None).AsTask();
        (await plain.Should().ThrowAsync<StagecraftException>()).Which.Message.Should().Contain("must be SecureString");
    }

    [Fact]
    public async Task Secrets_are_secure_strings_under_the_environment_and_list_by_name_only()
    {
        var parameters = new InMemoryParameters();
        var secrets = new SsmSecretStore(parameters, "election", "staging");

        await secrets.SetAsync("DB_PASSWORD", "s3cret-value", CancellationToken.None);

        parameters.Values["/stagecraft/election/staging/secrets/DB_PASSWORD"].Should().Be(new ParameterValue("s3cret-value", true));
        (await secrets.ListAsync(CancellationToken.None)).Select(s => s.Name).Should().Equal("DB_PASSWORD");
        (await secrets.GetAsync("DB_PASSWORD", CancellationToken.None)).Should().Be("s3cret-value");
        (await secrets.RemoveAsync("DB_PASSWORD", CancellationToken.None)).Should().BeTrue();
        (await secrets.GetAsync("DB_PASSWORD", CancellationToken.None)).Should().BeNull();
    }

    [Theory]
    [InlineData("/aws/mine", "reserved by AWS")]
    [InlineData("/app//db", "empty segment")]
    [InlineData("app/db", "must start with '/'")]
    public async Task A_name_ssm_would_refuse_is_refused_before_the_call_with_exit_2(string name, string problem)
    {
        var put = () => _store.PutAsync(name, "v", secure: false, CancellationToken.None);

        var error = (await put.Should().ThrowAsync<InvalidInputException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.InvalidInput);
        error.Message.Should().Contain(problem);
        await _ssm.DidNotReceiveWithAnyArgs().PutParameterAsync(default!, default);
    }

    [Fact]
    public async Task A_public_aws_parameter_may_still_be_read()
    {
        const string Name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
        _ssm.GetParameterAsync(Arg.Is<GetParameterRequest>(r => r.Name == Name), Arg.Any<CancellationToken>())
            .Returns(new GetParameterResponse { Parameter = new Parameter { Name = Name, Value = "ami-1", Type = ParameterType.String } });

        (await _store.GetAsync(Name, CancellationToken.None))!.Value.Should().Be("ami-1");
    }

    [Fact]
    public async Task A_secret_name_validate_would_refuse_is_refused_on_aws_too()
    {
        var secrets = new SsmSecretStore(new InMemoryParameters(), "election", "staging");

        var set = () => secrets.SetAsync("db password", "v", CancellationToken.None);

        (await set.Should().ThrowAsync<InvalidInputException>()).Which.Message.Should().Contain("invalid secret name 'db password'");
    }
}
