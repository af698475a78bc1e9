using System.Text.RegularExpressions;

namespace Stagecraft.Cli.Commands;

/// <summary>The files 'init' writes for each template.</summary>
internal static partial class StarterTemplates
{
    public static IReadOnlyList<string> Names { get; } = ["quickstart", "aws"];

    public static string ProjectName(string directoryName)
    {
        var cleaned = NotAllowed().Replace(directoryName.ToLowerInvariant(), "-").Trim('-');
        return cleaned.Length == 0 || !char.IsAsciiLetter(cleaned[0]) ? "my-project" : cleaned;
    }

    public static IEnumerable<(string Path, string Content)> Files(string template, string project)
    {
        yield return (".gitignore", "# Stagecraft's state, logs and stage directories\n.stagecraft/\n");
        yield return ("stagecraft.yml", template == "aws" ? Aws(project) : Quickstart(project));
        if (template == "aws")
        {
            yield return ("templates/common.yml", CommonTemplate);
        }
    }

    private const string CommonTemplate = """
        AWSTemplateFormatVersion: "2010-09-09"
        Description: Shared storage for the project.
        Parameters:
          BucketPrefix:
            Type: String
        Resources:
          DataBucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: !Sub "${BucketPrefix}-data"
        Outputs:
          DataBucketName:
            Value: !Ref DataBucket
        """ + "\n";

    private static string Quickstart(string project) => $$"""
        project: {{project}}
        description: A starter project; every stage runs on this machine.
        variables:
          greeting: hello
        environments:
          local:
            target: local
        stages:
          build:
            kind: command
            run: ["sh", "-c", "mkdir -p \"$STAGECRAFT_STAGE_DIR/out\" && echo \"$GREETING\" > \"$STAGECRAFT_STAGE_DIR/out/greeting.txt\""]
            env: { GREETING: "${var.greeting} from ${environment}" }
            outputs: { dir: "${stage.dir}/out" }
          check:
            kind: command
            run: ["cat", "${stages.build.outputs.dir}/greeting.txt"]
        """ + "\n";

    private static string Aws(string project) => $$"""
        project: {{project}}
        variables:
          bucket_prefix: {{project}}
        environments:
          dev:
            target: aws
            region: eu-west-2
            state: { backend: s3, bucket: "{{project}}-stagecraft-state", lock_table: stagecraft-locks }
        stages:
          common:
            kind: cloudformation
            template: templates/common.yml
            parameters:
              BucketPrefix: "${var.bucket_prefix}-${environment}"
        """ + "\n";

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotAllowed();
}
