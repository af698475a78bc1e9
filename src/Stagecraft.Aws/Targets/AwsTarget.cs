using Stagecraft.Aws.Parameters;

namespace Stagecraft.Aws.Targets;

/// <summary>An AWS account and region; credentials come from the standard chain or the named profile.</summary>
public sealed class AwsTarget : TargetDescriptor
{
    public AwsTarget()
        : this(new AwsTargetOptions())
    {
    }

    internal AwsTarget(AwsTargetOptions options)
    {
        Options = options;
    }

    public override string Name => TargetKind.Aws;

    public override KindSchema Settings { get; } = new(
        new FieldSpec("region", FieldType.String, "the AWS region, e.g. eu-west-2 or ${os:AWS_REGION}", Required: true),
        new FieldSpec("profile", FieldType.String, "a named profile from ~/.aws/config, may be ${os:NAME}; default: the standard credential chain"),
        new FieldSpec("account_id", FieldType.String, "the 12-digit account this environment must deploy to (a guard against the wrong credentials)"),
        new FieldSpec("deployment_bucket", FieldType.String, "the S3 bucket for deployment artifacts (default: stagecraft-deploy-<account>-<region>, made by 'stagecraft bootstrap')"),
        new FieldSpec("endpoint_url", FieldType.String, "send every AWS call here instead of AWS's endpoints, e.g. http://127.0.0.1:5000 for moto_server"),
        new FieldSpec("endpoints", FieldType.StringMap, "an endpoint URL per service (s3, ssm, ec2, sts, dynamodb, cloudformation, codedeploy, autoscaling, ecr, lambda); wins over endpoint_url"));

    internal AwsTargetOptions Options { get; }

    public override void Validate(EnvironmentDefinition environment, DiagnosticBag diagnostics)
    {
        if (environment.TargetSettings.Find("account_id")?.Value is ConfigScalar account && !account.Text.Contains("${", StringComparison.Ordinal)
            && (account.Text.Length != 12 || !account.Text.All(char.IsAsciiDigit)))
        {
            diagnostics.Add(account.TextLocation, $"account_id of environment '{environment.Name}' must be 12 digits, not '{account.Text}'", "write the account's 12-digit id in quotes, e.g. account_id: \"123456789012\"");
        }

        AwsEndpoints.Read(environment, diagnostics);
        AwsTargetSettings.Region(environment, null, diagnostics);
        AwsTargetSettings.Profile(environment, null, diagnostics);
    }

    public override Task<TargetRuntime> OpenAsync(TargetOpenContext context, CancellationToken cancellationToken)
    {
        var aws = Connect(context.Environment, context.Time, out var clients, context.Host is { } host ? host.GetEnvironmentVariable : null);
        var parameters = new DeferredParameterStore(() => aws.Parameters);
        var secrets = new SsmSecretStore(parameters, context.Project.Name, context.Environment.Name);
        var services = new SimpleServiceProvider()
            .Add(aws)
            .Add<IParameterStore>(parameters)
            .Add<ISecretStore>(secrets);
        var external = new AwsExternalValues(aws, new StoreExternalValues(parameters, secrets));
        return Task.FromResult<TargetRuntime>(new AwsRuntime(external, services, clients));
    }

    /// <summary>
    /// 'stagecraft bootstrap': the s3 state's bucket and lock table of any environment whose state
    /// is in S3, and for an AWS environment its own resources (deployment bucket; the default state
    /// bucket and lock table when its state is not in S3 yet).
    /// </summary>
    public async Task<IReadOnlyList<Bootstrap.BootstrapItem>> BootstrapAsync(EnvironmentDefinition environment, TimeProvider time, CancellationToken cancellationToken) =>
        await BootstrapAsync(environment, time, null, cancellationToken).ConfigureAwait(false);

    /// <summary>As above; <paramref name="lookup"/> reads the ${os:…} of the target's region and profile (default: this process).</summary>
    public Task<IReadOnlyList<Bootstrap.BootstrapItem>> BootstrapAsync(EnvironmentDefinition environment, TimeProvider time, Func<string, string?>? lookup, CancellationToken cancellationToken) =>
        BootstrapAsync(null, environment, time, lookup, runCdk: false, cancellationToken);

    /// <summary>
    /// As above, and with the project's stages that exist in the environment: a deployment bucket in
    /// every other region they use (their 'region'), and with <paramref name="runCdk"/> 'cdk bootstrap'
    /// of every region a cdk stage deploys to. A stage's region or app_dir must be written out or use
    /// ${os:NAME}; anything else is refused with its location before anything is made.
    /// </summary>
    public async Task<IReadOnlyList<Bootstrap.BootstrapItem>> BootstrapAsync(ProjectDefinition? project, EnvironmentDefinition environment, TimeProvider time,
        Func<string, string?>? lookup, bool runCdk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        lookup ??= System.Environment.GetEnvironmentVariable;
        IDisposable? clients = null;
        try
        {
            AwsEnvironment? aws = null;
            var stages = Bootstrap.BootstrapStages.None;
            if (environment.Target == TargetKind.Aws)
            {
                aws = Connect(environment, time, out clients, lookup);
                if (project is not null)
                {
                    stages = Bootstrap.BootstrapStages.Read(project, environment, aws.Region, lookup, runCdk);
                }
            }

            var items = new List<Bootstrap.BootstrapItem>();
            if (Bootstrap.StateBootstrapper.Applies(environment))
            {
                items.AddRange(await Bootstrap.StateBootstrapper.RunAsync(environment, time, Options.PollInterval, cancellationToken).ConfigureAwait(false));
            }

            if (aws is not null)
            {
                items.AddRange(await new Bootstrap.Bootstrapper(aws).RunAsync(environment, stages, cancellationToken).ConfigureAwait(false));
            }

            return items;
        }
        finally
        {
            clients?.Dispose();
        }
    }

    /// <summary>
    /// The services of one environment; also used by 'bootstrap', which needs no state. Region and
    /// profile may use ${os:NAME}, read through <paramref name="lookup"/> (default: this process).
    /// </summary>
    internal AwsEnvironment Connect(EnvironmentDefinition environment, TimeProvider time, out IDisposable? clients, Func<string, string?>? lookup = null)
    {
        lookup ??= System.Environment.GetEnvironmentVariable;
        var problems = new DiagnosticBag();
        var region = AwsTargetSettings.Region(environment, lookup, problems);
        var profile = AwsTargetSettings.Profile(environment, lookup, problems);
        var endpoints = AwsEndpoints.Read(environment, problems);
        problems.ThrowIfAny();
        if (string.IsNullOrEmpty(region))
        {
            throw new InvalidInputException($"environment '{environment.Name}' has no 'region'", "add region: eu-west-2 (or your region) to it");
        }

        var owned = new OwnedClients();
        clients = owned;
        var connection = new RegionConnection(profile, endpoints, environment.TargetSetting("account_id"), time, owned);
        return Build(connection, region, environment.TargetSetting("deployment_bucket"));
    }

    private AwsEnvironment Build(RegionConnection connection, string region, string? deploymentBucket)
    {
        var (profile, endpoints) = (connection.Profile, connection.Endpoints);
        var sdkConnection = new AwsConnection(region, profile) { Endpoints = endpoints };
        var retry = AwsRetry.Create(Options.RetryBaseDelay, Options.MaxRetries, connection.Time);
        IAwsSdk sdk = Options.Sdk is { } factory
            ? factory(sdkConnection)
            : new SdkClients(sdkConnection, new SdkCall(retry), connection.Time, Options.PollInterval);
        connection.Owned.Add(sdk as IDisposable);
        var cliSettings = new AwsCliSettings(region, profile)
        {
            Environment = Options.ToolEnvironment,
            Endpoints = endpoints,
            RetryBaseDelay = Options.RetryBaseDelay,
            MaxRetries = Options.MaxRetries,
        };
        return new AwsEnvironment
        {
            Region = region,
            Profile = profile,
            Endpoints = endpoints,
            ExpectedAccount = connection.ExpectedAccount,
            DeploymentBucket = deploymentBucket,
            Sdk = sdk,
            Cli = new AwsCli(Options.Runner, cliSettings, connection.Time),
            Tools = new ToolRunner(Options.Runner, region, profile, Options.ToolEnvironment, endpoints),
            PollInterval = Options.PollInterval,

            // A named deployment bucket lives in the environment's region: other regions use their default one.
            RegionFactory = other => Build(connection, other, null),
        };
    }

    /// <summary>What every region of one environment shares.</summary>
    private sealed record RegionConnection(string? Profile, AwsEndpoints Endpoints, string? ExpectedAccount, TimeProvider Time, OwnedClients Owned);

    /// <summary>The SDK clients made for an environment's regions, released together.</summary>
    private sealed class OwnedClients : IDisposable
    {
        private readonly List<IDisposable> _clients = [];

        public void Add(IDisposable? client)
        {
            if (client is not null)
            {
                lock (_clients)
                {
                    _clients.Add(client);
                }
            }
        }

        public void Dispose()
        {
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
                _clients.Clear();
            }
        }
    }
}
