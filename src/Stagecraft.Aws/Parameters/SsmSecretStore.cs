namespace Stagecraft.Aws.Parameters;

/// <summary>
/// 'stagecraft secret' on AWS: each secret is a SecureString under <see cref="SecretNames"/>, so
/// ${secret:NAME} and the CLI see the same values and SSM's KMS key does the encryption.
/// </summary>
internal sealed class SsmSecretStore(IParameterStore parameters, string project, string environment) : ISecretStore
{
    private readonly IParameterStore _parameters = parameters;
    private readonly string _prefix = SecretNames.Prefix(project, environment);

    public string Description => $"SSM SecureString parameters under {_prefix}";

    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var parameter = await _parameters.GetAsync(_prefix + name, cancellationToken).ConfigureAwait(false);
        if (parameter is { Secure: false })
        {
            throw new StagecraftException($"secret '{name}' ({_prefix + name}) is a plain String parameter; secrets must be SecureString", ExitCodes.InvalidInput,
                $"set it again with: stagecraft secret set {name}");
        }

        return parameter?.Value;
    }

    public async Task<string?> SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        Names.CheckSecret(name);
        await _parameters.PutAsync(_prefix + name, value, secure: true, cancellationToken).ConfigureAwait(false);
        return null;
    }

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken) => _parameters.DeleteAsync(_prefix + name, cancellationToken);

    public async Task<IReadOnlyList<SecretInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var parameters = await _parameters.ListAsync(_prefix, cancellationToken).ConfigureAwait(false);
        return parameters.Select(p => new SecretInfo(p.Name[_prefix.Length..], p.UpdatedAt, string.Empty)).ToList();
    }
}
