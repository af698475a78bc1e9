using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stagecraft.Aws.Tests.Moto;
using Stagecraft.Aws.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Stagecraft.Aws.Tests.Examples;

/// <summary>
/// examples/imaging-platform: each of the three Serverless services is packaged by the real
/// framework (v3 and the pinned plugins), offline, with the params its stage in stagecraft.yml
/// passes; the CloudFormation it produces passes cfn-lint and holds what the other stages read.
/// The one AWS call packaging makes (STS, for the db service's ${aws:accountId}) goes to moto.
/// <para>
/// The Python requirements are not installed: PyPI cannot be reached here, and psycopg's and
/// Pillow's Lambda wheels are not on this machine. The copy that is packaged has no
/// requirements.txt, so serverless-python-requirements skips its pip step and does all else.
/// </para>
/// </summary>
public sealed class ImagingPlatformServerlessPackageTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    /// <summary>Warnings of cfn-lint that the framework or its plugins cause in every such template, not the example.</summary>
    private static readonly IReadOnlyDictionary<string, string> GeneratedWarnings = new Dictionary<string, string>
    {
        // Serverless adds DependsOn to the API authorizer, serverless-step-functions to the state
        // machine's role, next to a Ref/GetAtt of the same resource: redundant, and harmless.
        ["W3005"] = "DependsOn already enforced by a Ref or GetAtt",
    };

    /// <summary>Plausible values for every param a serverless stage of stagecraft.yml passes (the real ones are other stages' outputs).</summary>
    private static readonly IReadOnlyDictionary<string, string> ParamValues = new Dictionary<string, string>
    {
        ["db_host"] = "imaging-development-db.c0abcdefghij.eu-west-2.rds.amazonaws.com",
        ["db_user"] = "imaging",
        ["db_secret_name"] = "/stagecraft/imaging-platform/development/secrets/DB_PASSWORD",
        ["data_bucket"] = "imaging-development-data",
        ["tiles_bucket"] = "imaging-development-tiles",
        ["user_pool_arn"] = "arn:aws:cognito-idp:eu-west-2:123456789012:userpool/eu-west-2_AbCdEfGhI",
        ["security_group_id"] = "sg-0123456789abcdef0",
        ["subnet_a"] = "subnet-0123456789abcdef0",
        ["subnet_b"] = "subnet-0fedcba9876543210",
        ["log_level"] = "debug",
        ["job_queue"] = "arn:aws:batch:eu-west-2:123456789012:job-queue/imaging-development-queue",
        ["ingest_job"] = "arn:aws:batch:eu-west-2:123456789012:job-definition/imaging-development-ingest:1",
        ["tiles_job"] = "arn:aws:batch:eu-west-2:123456789012:job-definition/imaging-development-tiles:1",
        ["analysis_job"] = "arn:aws:batch:eu-west-2:123456789012:job-definition/imaging-development-analysis:1",
        ["rest_api_id"] = "a1b2c3d4e5",
        ["rest_api_root_id"] = "r00tr3s0ur",
        ["images_resource_id"] = "1m4g3sr3s0",
    };

    private MotoTlsProxy? _proxy;

    public Task InitializeAsync()
    {
        _proxy = new MotoTlsProxy(moto.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_db_service_packages_its_api_and_initdb_with_the_outputs_that_rendering_and_initdb_read()
    {
        using var package = await PackageAsync("db");

        var functions = package.Resources("AWS::Lambda::Function");
        functions.Keys.Should().BeEquivalentTo("ImagesLambdaFunction", "UploadLambdaFunction", "InitdbLambdaFunction");
        functions["InitdbLambdaFunction"].GetProperty("Timeout").GetInt32().Should().Be(300);
        functions.Values.Should().OnlyContain(f => f.GetProperty("Runtime").GetString() == "python3.12"
            && f.GetProperty("VpcConfig").GetRawText().Contains("subnet-0fedcba9876543210") && f.GetProperty("VpcConfig").GetRawText().Contains("sg-0123456789abcdef0"));
        package.Resources("AWS::ApiGateway::RestApi").Should().ContainSingle();
        package.Resources("AWS::ApiGateway::Authorizer").Values.Should().ContainSingle()
            .Which.GetRawText().Should().Contain("COGNITO_USER_POOLS").And.Contain(ParamValues["user_pool_arn"]);
        // ${aws:accountId} came from STS, i.e. from moto through the proxy; nothing else was asked for.
        package.Resources("AWS::IAM::Role").Values.Single().GetRawText().Should().Contain("arn:aws:ssm:eu-west-2:123456789012:parameter/stagecraft/imaging-platform/development/secrets/DB_PASSWORD");
        _proxy!.Hosts.Should().OnlyContain(h => h == "sts.amazonaws.com");
        Referenced("api-db").Should().NotBeEmpty().And.BeSubsetOf(package.Outputs, "stagecraft.yml reads these outputs of api-db");
    }

    [Fact]
    public async Task The_batch_service_packages_the_state_machine_the_functions_start_with_the_three_batch_jobs()
    {
        using var package = await PackageAsync("batch");

        package.Resources("AWS::Lambda::Function").Keys.Should().BeEquivalentTo("SubmitLambdaFunction", "StatusLambdaFunction");
        package.Resources("AWS::Lambda::Function").Values.Should().OnlyContain(f =>
            f.GetProperty("Environment").GetProperty("Variables").GetProperty("STATE_MACHINE_ARN").GetProperty("Ref").GetString() == "ProcessImageStateMachine");
        var definition = package.Resources("AWS::StepFunctions::StateMachine").Should().ContainKey("ProcessImageStateMachine").WhoseValue.GetProperty("DefinitionString").GetRawText();
        definition.Should().Contain(ParamValues["job_queue"]).And.Contain(ParamValues["ingest_job"]).And.Contain(ParamValues["tiles_job"]).And.Contain(ParamValues["analysis_job"]);
        package.Outputs.Should().Contain("ProcessImageStateMachineArn");
        Referenced("api-batch").Should().BeSubsetOf(package.Outputs);
        _proxy!.Hosts.Should().BeEmpty("the batch service reads nothing from AWS to package");
    }

    [Fact]
    public async Task The_rendering_service_packages_its_tile_path_onto_the_api_of_db_under_the_images_resource_db_made()
    {
        using var db = await PackageAsync("db");
        using var rendering = await PackageAsync("rendering");

        rendering.Resources("AWS::ApiGateway::RestApi").Should().BeEmpty("the API is the one of api-db");
        rendering.Resources("AWS::Lambda::Function").Should().ContainKey("TileLambdaFunction").WhoseValue.GetProperty("MemorySize").GetInt32().Should().Be(1024);
        var paths = rendering.Resources("AWS::ApiGateway::Resource").Values.ToList();
        paths.Should().NotBeEmpty().And.OnlyContain(p => p.GetProperty("RestApiId").GetString() == ParamValues["rest_api_id"]);
        // API Gateway refuses a second path part of the same name under one parent: 'images' is db's.
        var dbTop = db.Resources("AWS::ApiGateway::Resource").Values.Where(p => p.GetProperty("ParentId").GetRawText().Contains("RootResourceId")).Select(p => p.GetProperty("PathPart").GetString()).ToList();
        var renderingTop = paths.Where(p => p.GetProperty("ParentId").ValueKind == JsonValueKind.String && p.GetProperty("ParentId").GetString() == ParamValues["rest_api_root_id"]).Select(p => p.GetProperty("PathPart").GetString()).ToList();
        renderingTop.Should().NotIntersectWith(dbTop, "a path of api-db under the root must be reused (provider.apiGateway.restApiResources), not made again");
        paths.Should().Contain(p => p.GetProperty("PathPart").GetString() == "{id}" && p.GetProperty("ParentId").ValueKind == JsonValueKind.String && p.GetProperty("ParentId").GetString() == ParamValues["images_resource_id"], "/images/{id} hangs off the /images of api-db");
        Referenced("api-rendering").Should().BeSubsetOf(rendering.Outputs);
        _proxy!.Hosts.Should().OnlyContain(h => h == "sts.amazonaws.com", "only db reads the account id");
    }

    private async Task<ServicePackage> PackageAsync(string service)
    {
        var stage = ServerlessStages().Single(s => s.Directory == $"services/{service}");
        stage.Params.Should().BeSubsetOf(ParamValues.Keys, "the test gives a value to every param stagecraft.yml passes");
        var package = await ServicePackage.RunAsync(service, stage.Params.ToDictionary(p => p, p => ParamValues[p]), _proxy!, copy =>
        {
            // PyPI cannot be reached: without a requirements.txt the plugin skips pip and does the rest.
            File.Delete(Path.Combine(copy, "requirements.txt"));
        });

        package.ExitCode.Should().Be(0, package.Output);
        // Framework v3's schema predates python3.12 (Lambda runs it; the framework passes it through
        // with a warning): any other configuration warning is a mistake in serverless.yml.
        Regex.Matches(package.Output, @"^\s+at '([^']+)':", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Should().OnlyContain(path => path == "provider.runtime", package.Output);
        package.Artifact.Should().Contain("handler.py").And.NotContain(e => e.StartsWith("node_modules/", StringComparison.Ordinal), "the framework and plugins stay out of the function's zip");
        var findings = await LintAsync(package.TemplatePath);
        findings.Where(f => f.Level != "Warning" || !GeneratedWarnings.ContainsKey(f.Rule)).Should().BeEmpty("cfn-lint finds these in the packaged template of {0}", service);
        return package;
    }

    /// <summary>The outputs of STAGE that stagecraft.yml reads through ${stages.STAGE.outputs.NAME} (besides 'stack_name', which Stagecraft adds).</summary>
    private static IReadOnlyList<string> Referenced(string stage) =>
        Regex.Matches(File.ReadAllText(Path.Combine(ExampleProject.Folder("imaging-platform"), "stagecraft.yml")), @"\$\{stages\." + Regex.Escape(stage) + @"\.outputs\.(\w+)\}")
            .Select(m => m.Groups[1].Value).Where(o => o != "stack_name").Distinct().ToList();

    private static IEnumerable<(string Directory, IReadOnlyList<string> Params)> ServerlessStages()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(ExampleProject.Folder("imaging-platform"), "stagecraft.yml"))))
        {
            yaml.Load(reader);
        }

        var stages = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("stages")];
        foreach (var stage in stages.Children.Values.OfType<YamlMappingNode>())
        {
            if (stage.Children.TryGetValue(new YamlScalarNode("kind"), out var kind) && kind.ToString() == "serverless")
            {
                var parameters = stage.Children.TryGetValue(new YamlScalarNode("params"), out var map) ? ((YamlMappingNode)map).Children.Keys.Select(k => k.ToString()).ToList() : [];
                yield return (stage.Children[new YamlScalarNode("service_dir")].ToString(), parameters);
            }
        }
    }

    private static async Task<IReadOnlyList<(string Level, string Rule, string Text)>> LintAsync(string template)
    {
        var linter = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, "cfn-lint")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("cfn-lint is not on PATH: install it with 'pip install cfn-lint==1.51.*' (scripts/test-deps.sh does)");
        var info = new ProcessStartInfo(linter) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--format", "json", template })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        (process.ExitCode & 1).Should().Be(0, "cfn-lint itself failed: " + await error);
        using var json = JsonDocument.Parse(await output);
        return json.RootElement.EnumerateArray()
            .Select(m => (m.GetProperty("Level").GetString() ?? "", m.GetProperty("Rule").GetProperty("Id").GetString() ?? "", m.GetProperty("Message").GetString() ?? ""))
            .ToList();
    }
}
