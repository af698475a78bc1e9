namespace Stagecraft.Local.Agent.Metrics;

/// <summary>
/// Where the agent serves its metrics: an address and port, or off. <see cref="IsDefault"/> marks the built-in
/// address: when something else holds it the agent runs on without metrics (and logs why), while an address
/// the operator chose must bind or the agent does not start.
/// </summary>
public sealed record MetricsSetting(IPEndPoint? Address, bool IsDefault)
{
    public const string DefaultText = "127.0.0.1:9464";
    public const string OffText = "off";

    public static readonly MetricsSetting Default = new(new IPEndPoint(IPAddress.Loopback, 9464), IsDefault: true);

    public static readonly MetricsSetting Off = new(null, IsDefault: false);

    public bool Enabled => Address is not null;

    public static bool TryParse(string text, out MetricsSetting setting, out string error)
    {
        setting = Off;
        if (string.Equals(text.Trim(), OffText, StringComparison.OrdinalIgnoreCase))
        {
            error = "";
            return true;
        }

        if (!ListenAddress.TryParse(text.Trim(), out var endpoint, out error))
        {
            error += $", or '{OffText}' to serve no metrics";
            return false;
        }

        setting = new MetricsSetting(endpoint, IsDefault: false);
        return true;
    }

    public override string ToString() => Address?.ToString() ?? OffText;
}
