using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Parameters;
using Stagecraft.Core.References;
using Stagecraft.Core.Secrets;

namespace Stagecraft.Local.Targets;

/// <summary>
/// Answers ${ssm:…} from the local parameter store and ${secret:…} from the secret store. Secrets and
/// secure parameters come back Sensitive, so Core registers them with the masker before anything prints.
/// </summary>
internal sealed class LocalExternalValues : IExternalValues
{
    private readonly IParameterStore _parameters;
    private readonly ISecretStore _secrets;

    public LocalExternalValues(IParameterStore parameters, ISecretStore secrets)
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
                throw new StagecraftException($"the local target does not answer {kind} references", ExitCodes.InvalidInput);
        }
    }
}
