using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Parameters;
using Stagecraft.Core.References;

namespace Stagecraft.Aws.Parameters;

/// <summary>
/// Answers ${ssm:/path} (any parameter, decrypted) and ${secret:NAME} (a SecureString under
/// <see cref="SecretNames"/>) from SSM. SecureString values are always sensitive.
/// </summary>
internal sealed class SsmExternalValues : IExternalValues
{
    private readonly IParameterStore _store;
    private readonly string _project;
    private readonly string _environment;

    public SsmExternalValues(IParameterStore store, string project, string environment)
    {
        _store = store;
        _project = project;
        _environment = environment;
    }

    public async ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case ReferenceKind.Ssm:
                var value = await _store.GetAsync(name, cancellationToken).ConfigureAwait(false);
                return value is null ? null : new ExternalValue(value.Value, value.Secure);
            case ReferenceKind.Secret:
                var path = SecretNames.For(_project, _environment, name);
                var secret = await _store.GetAsync(path, cancellationToken).ConfigureAwait(false);
                if (secret is { Secure: false })
                {
                    throw new StagecraftException($"secret '{name}' ({path}) is a plain String parameter; secrets must be SecureString", ExitCodes.InvalidInput,
                        $"recreate it: aws ssm put-parameter --name {path} --type SecureString --overwrite --value …");
                }

                return secret is null ? null : new ExternalValue(secret.Value, true);
            default:
                return null;
        }
    }
}
