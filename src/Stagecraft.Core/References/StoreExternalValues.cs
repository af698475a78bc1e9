namespace Stagecraft.Core.References;

/// <summary>
/// Answers ${ssm:…} from a target's parameter store and ${secret:…} from its secret store, whatever
/// backs them (local files or AWS SSM). Secrets and secure parameters come back sensitive, so they are
/// registered with the masker before anything prints.
/// </summary>
public sealed class StoreExternalValues(IParameterStore parameters, ISecretStore secrets) : IExternalValues
{
    private readonly IParameterStore _parameters = parameters;

    public async ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case ReferenceKind.Ssm:
                var parameter = await _parameters.GetAsync(name, cancellationToken).ConfigureAwait(false);
                return parameter is null ? null : new ExternalValue(parameter.Value, parameter.Secure);
            case ReferenceKind.Secret:
                var secret = await secrets.GetAsync(name, cancellationToken).ConfigureAwait(false);
                return secret is null ? null : new ExternalValue(secret, true);
            default:
                return null;
        }
    }
}
