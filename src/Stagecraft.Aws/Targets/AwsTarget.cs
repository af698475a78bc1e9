using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.References;

namespace Stagecraft.Aws.Targets;

/// <summary>An AWS account and region; credentials come from the standard chain or the named profile.</summary>
public sealed class AwsTarget : TargetDescriptor
{
    public override string Name => TargetKind.Aws;

    public override KindSchema Settings { get; } = new(
        new FieldSpec("region", FieldType.String, "the AWS region, e.g. eu-west-2", Required: true),
        new FieldSpec("profile", FieldType.String, "a named profile from ~/.aws/config; default: the standard credential chain"),
        new FieldSpec("account_id", FieldType.String, "the 12-digit account this environment must deploy to (a guard against the wrong credentials)"));

    public override void Validate(EnvironmentDefinition environment, DiagnosticBag diagnostics)
    {
        if (environment.TargetSettings.Find("account_id")?.Value is ConfigScalar account && !account.Text.Contains("${", StringComparison.Ordinal)
            && (account.Text.Length != 12 || !account.Text.All(char.IsAsciiDigit)))
        {
            diagnostics.Add(account.TextLocation, $"account_id of environment '{environment.Name}' must be 12 digits, not '{account.Text}'");
        }
    }

    public override Task<TargetRuntime> OpenAsync(TargetOpenContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new TargetRuntime(new Unsupported(), new SimpleServiceProvider()));

    private sealed class Unsupported : IExternalValues
    {
        public ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken) =>
            throw new StagecraftException($"{(kind == ReferenceKind.Secret ? "${secret:…}" : "${ssm:…}")} references are not supported yet for target 'aws'", ExitCodes.InvalidInput);
    }
}
