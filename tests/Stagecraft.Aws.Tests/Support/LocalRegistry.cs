using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using Stagecraft.TestSupport;

namespace Stagecraft.Aws.Tests.Support;

/// <summary>
/// Debian's docker-registry (the CNCF distribution registry) on a free 127.0.0.1 port, plain HTTP,
/// storage in a temporary directory; images go in with skopeo from OCI layouts the test writes.
/// An xunit class fixture: started once per class, killed by its process object.
/// </summary>
public sealed class LocalRegistry : IAsyncLifetime, IDisposable
{
    public const string InstallHint = "install Debian's 'docker-registry' and 'skopeo' packages (scripts/test-deps.sh does)";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TempDirectory _directory = new("stagecraft-registry");
    private readonly StringBuilder _log = new();
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>host:port, as written in an image name.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        var program = Find("docker-registry") ?? throw new InvalidOperationException("docker-registry is not on PATH; " + InstallHint);
        _ = Find("skopeo") ?? throw new InvalidOperationException("skopeo is not on PATH; " + InstallHint);
        Port = FreePort.Next();
        var config = _directory.Write("config.yml", $"""
            version: 0.1
            log: {"{"} level: warn {"}"}
            storage:
              filesystem: {"{"} rootdirectory: {_directory.Combine("storage")} {"}"}
              delete: {"{"} enabled: true {"}"}
            http:
              addr: 127.0.0.1:{Port}
            """);
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(config);
        _process = Process.Start(info) ?? throw new InvalidOperationException("docker-registry did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.TrueAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("docker-registry exited: " + Log);
            }

            try
            {
                using var response = await Http.GetAsync(new Uri($"http://{Host}/v2/"));
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), "docker-registry to answer");
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Writes a one-layer OCI image (a file saying <paramref name="content"/>) and copies it with
    /// skopeo to repository:tag; returns the digest the registry itself reports for that tag.
    /// </summary>
    public async Task<string> PushAsync(string repository, string tag, string content)
    {
        var layout = _directory.Combine("layouts", Guid.NewGuid().ToString("N"));
        var layer = Gzip(TarOneFile("etc/job-version", content));
        var layerDigest = WriteBlob(layout, layer);
        var config = Encoding.UTF8.GetBytes($$$"""{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:{{{Hex(SHA256.HashData(TarOneFile("etc/job-version", content)))}}}"]}}""");
        var configDigest = WriteBlob(layout, config);
        var manifest = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{configDigest}}}","size":{{{config.Length}}}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{{layerDigest}}}","size":{{{layer.Length}}}}]}""");
        var manifestDigest = WriteBlob(layout, manifest);
        File.WriteAllText(Path.Combine(layout, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        File.WriteAllText(Path.Combine(layout, "index.json"), $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{manifestDigest}}}","size":{{{manifest.Length}}},"annotations":{"org.opencontainers.image.ref.name":"{{{tag}}}"}}]}""");

        var copy = await RunAsync("skopeo", "copy", "--dest-tls-verify=false", $"oci:{layout}:{tag}", $"docker://{Host}/{repository}:{tag}");
        copy.ExitCode.Should().Be(0, copy.Output);
        return await RegistryDigestAsync(repository, tag);
    }

    /// <summary>What the registry answers for the tag: its Docker-Content-Digest header.</summary>
    public async Task<string> RegistryDigestAsync(string repository, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://{Host}/v2/{repository}/manifests/{tag}"));
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        _process?.Dispose();
        _process = null;
        _directory.Dispose();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string WriteBlob(string layout, byte[] content)
    {
        var hex = Hex(SHA256.HashData(content));
        var path = Path.Combine(layout, "blobs", "sha256", hex);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return "sha256:" + hex;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static byte[] TarOneFile(string name, string content)
    {
        using var output = new MemoryStream();
        using (var tar = new System.Formats.Tar.TarWriter(output, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                ModificationTime = DateTimeOffset.UnixEpoch,
            };
            tar.WriteEntry(entry);
        }

        return output.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Where(Path.IsPathRooted).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
