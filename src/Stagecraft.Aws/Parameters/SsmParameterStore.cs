using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Parameter = Stagecraft.Core.Parameters.Parameter;

namespace Stagecraft.Aws.Parameters;

/// <summary>
/// The parameter store on AWS: SSM Parameter Store. Secure values are SecureString (encrypted
/// with the account's default SSM key) and are always read decrypted.
/// </summary>
internal sealed class SsmParameterStore(IAmazonSimpleSystemsManagement client, SdkCall call) : IParameterStore
{
    public string Description => "SSM Parameter Store";

    public Task<Parameter?> GetAsync(string name, CancellationToken cancellationToken)
    {
        Names.CheckParameter(name, writing: false);
        return call.RunAsync("ssm", "GetParameter", async ct =>
        {
            try
            {
                var response = await client.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, ct).ConfigureAwait(false);
                return ToParameter(response.Parameter);
            }
            catch (ParameterNotFoundException)
            {
                return null;
            }
        }, cancellationToken);
    }

    // SSM encrypts with the account's key: there is nothing to announce.
    public async Task<string?> PutAsync(string name, string value, bool secure, CancellationToken cancellationToken)
    {
        // The same rules as validate and the local store, so a bad name fails here with exit 2, not at SSM.
        Names.CheckParameter(name, writing: true);
        await call.RunAsync("ssm", "PutParameter", ct => client.PutParameterAsync(new PutParameterRequest
        {
            Name = name,
            Value = value,
            Type = secure ? ParameterType.SecureString : ParameterType.String,
            Overwrite = true,
        }, ct), cancellationToken).ConfigureAwait(false);
        return null;
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        Names.CheckParameter(name, writing: true);
        return call.RunAsync("ssm", "DeleteParameter", async ct =>
        {
            try
            {
                await client.DeleteParameterAsync(new DeleteParameterRequest { Name = name }, ct).ConfigureAwait(false);
                return true;
            }
            catch (ParameterNotFoundException)
            {
                return false;
            }
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Parameter>> ListAsync(string path, CancellationToken cancellationToken) =>
        call.RunAsync<IReadOnlyList<Parameter>>("ssm", "GetParametersByPath", async ct =>
        {
            // SSM wants the hierarchy without a trailing '/' (except the root); '/a/b' must not list '/a/bc'.
            var hierarchy = path.Length > 1 ? path.TrimEnd('/') : "/";
            var under = hierarchy == "/" ? "/" : hierarchy + "/";
            var entries = new List<Parameter>();
            string? next = null;
            do
            {
                var response = await client.GetParametersByPathAsync(new GetParametersByPathRequest
                {
                    Path = hierarchy,
                    Recursive = true,
                    WithDecryption = true,
                    NextToken = next,
                }, ct).ConfigureAwait(false);
                foreach (var parameter in response.Parameters ?? [])
                {
                    if (parameter.Name.StartsWith(under, StringComparison.Ordinal))
                    {
                        entries.Add(ToParameter(parameter));
                    }
                }

                next = response.NextToken;
            }
            while (!string.IsNullOrEmpty(next));

            return entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }, cancellationToken);

    private static Parameter ToParameter(Amazon.SimpleSystemsManagement.Model.Parameter parameter) =>
        new(parameter.Name, parameter.Value, parameter.Type == ParameterType.SecureString,
            parameter.LastModifiedDate is { } modified ? new DateTimeOffset(DateTime.SpecifyKind(modified, DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch);
}
