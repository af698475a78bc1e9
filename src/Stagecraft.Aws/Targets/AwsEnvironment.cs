using Stagecraft.Aws.AutoScaling;
using Stagecraft.Aws.CloudFormation;
using Stagecraft.Aws.CodeDeploy;
using Stagecraft.Aws.Ecr;
using Stagecraft.Aws.Lambda;

namespace Stagecraft.Aws.Targets;

/// <summary>
/// What an opened AWS environment gives its kinds: one client per service (SDK or CLI behind a
/// narrow interface), the tool runner, the polling interval, and the account guard.
/// </summary>
internal sealed class AwsEnvironment
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, AwsEnvironment> _regions = new(StringComparer.Ordinal);
    private string? _account;

    public required string Region { get; init; }

    public string? Profile { get; init; }

    /// <summary>Where calls go instead of AWS's endpoints (endpoint_url, endpoints).</summary>
    public AwsEndpoints Endpoints { get; init; } = AwsEndpoints.None;

    /// <summary>The account the environment must deploy to, when it says so.</summary>
    public string? ExpectedAccount { get; init; }

    /// <summary>The bucket for deployment artifacts when the environment names one.</summary>
    public string? DeploymentBucket { get; init; }

    public required IAwsSdk Sdk { get; init; }

    public required IAwsCli Cli { get; init; }

    public required IToolRunner Tools { get; init; }

    public required TimeSpan PollInterval { get; init; }

    /// <summary>Makes the same environment in another region (same credentials and endpoints); null when it cannot.</summary>
    public Func<string, AwsEnvironment>? RegionFactory { get; init; }

    /// <summary>
    /// This environment in <paramref name="region"/> (a stage's own 'region' setting), or itself when
    /// the region is null or its own. One per region, shared by the stages that use it; the account is
    /// the same, so it is checked once.
    /// </summary>
    public AwsEnvironment InRegion(string? region)
    {
        if (region is null || region == Region || RegionFactory is null)
        {
            return this;
        }

        lock (_regions)
        {
            if (!_regions.TryGetValue(region, out var regional))
            {
                regional = RegionFactory(region);
                regional._account = _account;
                _regions[region] = regional;
            }

            return regional;
        }
    }

    /// <summary>The environments made for other regions (their SDK clients are released with this one's).</summary>
    public IReadOnlyList<AwsEnvironment> OtherRegions
    {
        get
        {
            lock (_regions)
            {
                return [.. _regions.Values];
            }
        }
    }

    public ICloudFormation CloudFormation => new CloudFormationCli(Cli);

    public ICodeDeploy CodeDeploy => new CodeDeployCli(Cli);

    public IAutoScaling AutoScaling => new AutoScalingCli(Cli);

    public IEcr Ecr => new EcrCli(Cli);

    public ILambda Lambda => new LambdaCli(Cli);

    public ImageBuilder.IImageBuilder ImageBuilder => new ImageBuilder.ImageBuilderCli(Cli);

    public IEc2 Ec2 => Sdk.Ec2;

    public IParameterStore Parameters => Sdk.Parameters;

    /// <summary>The account of the credentials in use; refuses to go on when the environment names another one.</summary>
    public async Task<string> AccountAsync(CancellationToken cancellationToken)
    {
        if (_account is not null)
        {
            return _account;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_account is null)
            {
                var identity = await Sdk.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
                if (ExpectedAccount is not null && identity.Account != ExpectedAccount)
                {
                    throw new AwsException(AwsErrorCode.WrongAccount, "WrongAccount", "GetCallerIdentity",
                        $"the credentials in use belong to account {identity.Account} ({identity.Arn}), but this environment deploys to {ExpectedAccount}",
                        "use the right profile or credentials for this environment");
                }

                _account = identity.Account;
            }

            return _account;
        }
        finally
        {
            _gate.Release();
        }
    }
}
