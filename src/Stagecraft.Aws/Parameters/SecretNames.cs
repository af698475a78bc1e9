namespace Stagecraft.Aws.Parameters;

/// <summary>
/// Where ${secret:NAME} lives on AWS: the SecureString /stagecraft/&lt;project&gt;/&lt;environment&gt;/secrets/&lt;NAME&gt;.
/// One prefix per project and environment, so an IAM policy can grant exactly that.
/// </summary>
internal static class SecretNames
{
    public static string Prefix(string project, string environment) => $"/stagecraft/{project}/{environment}/secrets/";

    public static string For(string project, string environment, string name) => Prefix(project, environment) + name;
}
