using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Stagecraft.TestSupport;

namespace Stagecraft.Aws.Tests.Support;

/// <summary>
/// The real 'serverless package' (v3, with the plugins pinned in the example's
/// services/package-lock.json, which scripts/test-deps.sh installs into .build/node) of one service
/// of an example, run in a temporary copy of the service: nothing is written into the repository.
/// AWS is reached only through <see cref="MotoTlsProxy"/>, with fake credentials.
/// </summary>
internal sealed class ServicePackage : IDisposable
{
    private readonly TempDirectory _directory = new("stagecraft-sls-package");

    private ServicePackage(string service) => Service = _directory.Combine(service);

    /// <summary>The service's copy, where 'serverless package' ran.</summary>
    public string Service { get; }

    public string Output { get; private set; } = "";

    public int ExitCode { get; private set; }

    public JsonElement Template { get; private set; }

    /// <summary>The entries of the deployment zip.</summary>
    public IReadOnlyList<string> Artifact { get; private set; } = [];

    public static string Modules => Path.GetFullPath(Path.Combine(ExampleProject.Folder("imaging-platform"), "..", "..", ".build", "node", "imaging-platform-services", "node_modules"));

    /// <summary>
    /// Copies examples/imaging-platform/services/SERVICE (without any .serverless or node_modules
    /// left in it), lets <paramref name="prepare"/> change the copy, and packages it. The copy
    /// resolves the framework and plugins from a node_modules beside it, as a user's does after
    /// 'npm ci' in services/, so none of them end up in the service's zip.
    /// </summary>
    public static async Task<ServicePackage> RunAsync(string service, IReadOnlyDictionary<string, string> parameters, MotoTlsProxy proxy, Action<string> prepare)
    {
        if (!File.Exists(Path.Combine(Modules, ".bin", "serverless")))
        {
            throw new InvalidOperationException("serverless and its plugins are missing: run scripts/test-deps.sh (npm ci of examples/imaging-platform/services into .build/node/imaging-platform-services)");
        }

        var package = new ServicePackage(service);
        Copy(Path.Combine(ExampleProject.Folder("imaging-platform"), "services", service), package.Service);
        File.CreateSymbolicLink(package._directory.Combine("node_modules"), Modules);
        prepare(package.Service);
        var authority = package._directory.Write("proxy-authority.pem", proxy.AuthorityPem);

        string[] args = ["package", "--stage", "development", "--region", MotoServerRegion, .. parameters.SelectMany(p => new[] { "--param", $"{p.Key}={p.Value}" })];
        var start = new ProcessStartInfo(Path.Combine(Modules, ".bin", "serverless")) { WorkingDirectory = package.Service, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("SLS_", StringComparison.Ordinal) || k.Contains("proxy", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        // Fake credentials, no shared AWS files, the framework's own telemetry, notifications and
        // update checks off (its documented variables), and every AWS call through the proxy.
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_REGION"] = MotoServerRegion;
        start.Environment["AWS_CONFIG_FILE"] = package._directory.Combine("aws-config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = package._directory.Combine("aws-credentials");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["SLS_TELEMETRY_DISABLED"] = "1";
        start.Environment["SLS_NOTIFICATIONS_MODE"] = "off";
        start.Environment["SLS_DEPRECATION_DISABLE"] = "*";
        start.Environment["SLS_INTERACTIVE_SETUP_DISABLE"] = "1";
        start.Environment["HTTPS_PROXY"] = proxy.Url;
        start.Environment["HTTP_PROXY"] = proxy.Url;
        start.Environment["NODE_EXTRA_CA_CERTS"] = authority;
        start.Environment["HOME"] = package._directory.Combine("home");
        Directory.CreateDirectory(start.Environment["HOME"]!);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("serverless did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A hang guard only: packaging takes well under a minute.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        package.ExitCode = process.ExitCode;
        package.Output = await output + await error;
        var built = Path.Combine(package.Service, ".serverless");
        var template = Path.Combine(built, "cloudformation-template-update-stack.json");
        if (package.ExitCode == 0 && File.Exists(template))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(template));
            package.Template = json.RootElement.Clone();
            using var zip = ZipFile.OpenRead(Directory.GetFiles(built, "*.zip").Single());
            package.Artifact = zip.Entries.Select(e => e.FullName).ToList();
        }

        return package;
    }

    public string TemplatePath => Path.Combine(Service, ".serverless", "cloudformation-template-update-stack.json");

    /// <summary>The template's resources of one type, by logical id.</summary>
    public IReadOnlyDictionary<string, JsonElement> Resources(string type) =>
        Template.GetProperty("Resources").EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == type).ToDictionary(r => r.Name, r => r.Value.GetProperty("Properties"));

    public IReadOnlyList<string> Outputs => Template.GetProperty("Outputs").EnumerateObject().Select(o => o.Name).ToList();

    public override string ToString() => Output;

    public void Dispose() => _directory.Dispose();

    private const string MotoServerRegion = "eu-west-2";

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not (".serverless" or "node_modules")))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
