namespace Stagecraft.Aws.CloudFormation;

/// <summary>
/// The stack parameters as a JSON file for '--parameters file://…' (owner-only, deleted after
/// use): values may be secrets, and an argv shows in every process list.
/// </summary>
internal sealed class ParametersFile : IDisposable
{
    private ParametersFile(string? path)
    {
        Path = path;
    }

    public string? Path { get; }

    public static ParametersFile Write(string directory, IReadOnlyList<KeyValuePair<string, ResolvedScalar>> parameters)
    {
        if (parameters.Count == 0)
        {
            return new ParametersFile(null);
        }

        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, $"parameters-{Guid.NewGuid():N}.json");
        var json = JsonSerializer.Serialize(parameters.Select(p => new Dictionary<string, string> { ["ParameterKey"] = p.Key, ["ParameterValue"] = p.Value.Value }));
        OwnerOnlyFile.Write(path, json);
        return new ParametersFile(path);
    }

    public void Dispose()
    {
        OwnerOnlyFile.Delete(Path);
    }
}
