using System.Text.Json.Serialization;

namespace Stagecraft.Local.Agent.Protocol;

/// <summary>Source-generated JSON for the control protocol and the agent's persisted state.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(AgentRequest))]
[JsonSerializable(typeof(AgentMessage))]
[JsonSerializable(typeof(DesiredState))]
[JsonSerializable(typeof(ReleaseTraffic))]
internal sealed partial class AgentJson : JsonSerializerContext
{
    public static string Line(AgentRequest request) => JsonSerializer.Serialize(request, Default.AgentRequest);

    public static string Line(AgentMessage message) => JsonSerializer.Serialize(message, Default.AgentMessage);
}
