namespace Stagecraft.Aws.CloudFormation;

/// <summary>What to create a change set from.</summary>
internal sealed record ChangeSetRequest(
    StackName Stack,
    string Name,
    bool Create,
    string TemplatePath,
    string? ParametersFile,
    IReadOnlyList<string> Capabilities,
    IReadOnlyDictionary<string, string> Tags);
