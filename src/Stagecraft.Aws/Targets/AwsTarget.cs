using Stagecraft.Aws.Cli;
using Stagecraft.Aws.Parameters;
using Stagecraft.Aws.Sdk;
using Stagecraft.Aws.Tools;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Parameters;
using Stagecraft.Core.References;
using Stagecraft.Core.Secrets;

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
        new FieldSpec("region", FieldType.String, "the AWS region, e.g. eu-west-2", Required: true),
        new FieldSpec("profile", FieldType.String, "a named profile from ~/.aws/config; default: the standard credential chain"),
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
    }

    public override Task<TargetRuntime> OpenAsync(TargetOpenContext context, CancellationToken cancellationToken)
    {
        var aws = Connect(context.Environment, context.Time, out var clients);
        var parameters = new DeferredParameterStore(() => aws.Parameters);
        var secrets = new SsmSecretStore(parameters, context.Project.Name, context.Environment.Name);
        var services = new SimpleServiceProvider()
            .Add(aws)
            .Add<IParameterStore>(parameters)
            .Add<ISecretStore>(secrets);
        var external = new StoreExternalValues(parameters, secrets);
        return Task.FromResult<TargetRuntime>(new AwsRuntime(external, services, clients));
    }

    /// <summary>
    /// 'stagecraft bootstrap': the s3 state's bucket and lock table of any environment whose state
    /// is in S3, and for an AWS environment its own resources (deployment bucket; the default state
    /// bucket and lock table when its state is not in S3 yet).
    /// </summary>
    public async Task<IReadOnlyList<Bootstrap.BootstrapItem>> BootstrapAsync(EnvironmentDefinition environment, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var items = new List<Bootstrap.BootstrapItem>();
        if (Bootstrap.StateBootstrapper.Applies(environment))
        {
            items.AddRange(await Bootstrap.StateBootstrapper.RunAsync(environment, time, Options.PollInterval, cancellationToken).ConfigureAwait(false));
        }

        if (environment.Target != TargetKind.Aws)
        {
            return items;
        }

        var aws = Connect(environment, time, out var clients);
        try
        {
            items.AddRange(await new Bootstrap.Bootstrapper(aws).RunAsync(environment, cancellationToken).ConfigureAwait(false));
            return items;
        }
        finally
        {
            clients?.Dispose();
        }
    }

    /// <summary>The services of one environment; also used by 'bootstrap', which needs no state.</summary>
    internal AwsEnvironment Connect(EnvironmentDefinition environment, TimeProvider time, out IDisposable? clients)
    {
        var region = environment.TargetSetting("region")
            ?? throw new InvalidInputException($"environment '{environment.Name}' has no 'region'", "add region: eu-west-2 (or your region) to it");
        var profile = environment.TargetSetting("profile");
        var endpointProblems = new DiagnosticBag();
        var endpoints = AwsEndpoints.Read(environment, endpointProblems);
        endpointProblems.ThrowIfAny();
        var connection = new AwsConnection(region, profile) { Endpoints = endpoints };
        var retry = AwsRetry.Create(Options.RetryBaseDelay, Options.MaxRetries, time);
        IAwsSdk sdk;
        if (Options.Sdk is { } factory)
        {
            sdk = factory(connection);
            clients = sdk as IDisposable;
        }
        else
        {
            var real = new SdkClients(connection, new SdkCall(retry), time, Options.PollInterval);
            sdk = real;
            clients = real;
        }

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
            ExpectedAccount = environment.TargetSetting("account_id"),
            DeploymentBucket = environment.TargetSetting("deployment_bucket"),
            Sdk = sdk,
            Cli = new AwsCli(Options.Runner, cliSettings, time),
            Tools = new ToolRunner(Options.Runner, region, profile, Options.ToolEnvironment, endpoints),
            PollInterval = Options.PollInterval,
        };
    }
}
