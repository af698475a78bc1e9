using Stagecraft.Core.Parameters;
using Stagecraft.Core.References;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Aws.Parameters;

/// <summary>
/// Answers ${ssm:/path} (any parameter, decrypted) and ${secret:NAME} (a SecureString under
/// <see cref="SecretNames"/>) from SSM. SecureString values are always sensitive.
/// </summary>
internal sealed class SsmExternalValues : IExternalValues
{
    private readonly IParameterStore _parameters;
    private readonly ISecretStore _secrets;

    public SsmExternalValues(IParameterStore parameters, ISecretStore secrets)
    {
        _parameters = parameters;
        _secrets = secrets;
    }

    public async ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case ReferenceKind.Ssm:
                var parameter = await _parameters.GetAsync(name, cancellationToken).ConfigureAwait(false);
                return parameter is null ? null : new ExternalValue(parameter.Value, parameter.Secure);
            case ReferenceKind.Secret:
                var secret = await _secrets.GetAsync(name, cancellationToken).ConfigureAwait(false);
                return secret is null ? null : new ExternalValue(secret, true);
            default:
                return null;
        }
    }
}
