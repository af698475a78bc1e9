namespace Stagecraft.Aws.CloudFormation;

/// <summary>A parameter a template declares, with what constrains its value.</summary>
internal sealed record TemplateParameter(string Name, string? Type, string? Default, IReadOnlyList<string>? AllowedValues, string? AllowedPattern)
{
    public bool Required => Default is null;
}
