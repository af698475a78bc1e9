using Stagecraft.Aws.Tests.Support;

namespace Stagecraft.Aws.Tests.Seams;

public sealed class BootstrapTests : IDisposable
{
    private readonly AwsHarness _aws = new("aws");

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Creates_state_bucket_lock_table_and_deployment_bucket_then_reports_them_as_existing()
    {
        var first = await _aws.Target.BootstrapAsync(AwsHarness.Definition, TimeProvider.System, CancellationToken.None);
        var second = await _aws.Target.BootstrapAsync(AwsHarness.Definition, TimeProvider.System, CancellationToken.None);

        first.Select(i => (i.What, i.Name, i.Created)).Should().Equal(
            ("state bucket", "stagecraft-state-123456789012-eu-west-2", true),
            ("lock table", "stagecraft-locks", true),
            ("deployment bucket", "stagecraft-deploy-123456789012-eu-west-2", true));
        second.Should().OnlyContain(i => !i.Created);
        _aws.Sdk.BucketsCreated.Should().HaveCount(2);
        _aws.Sdk.BucketsSecured["stagecraft-state-123456789012-eu-west-2"].Should().Be(2, "versioning, encryption and the public access block are applied each time");
    }
}
