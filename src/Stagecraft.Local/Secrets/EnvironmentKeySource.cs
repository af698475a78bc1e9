namespace Stagecraft.Local.Secrets;

/// <summary>
/// Finds an environment's secret key: the environment variable STAGECRAFT_SECRET_KEY (base64 of
/// 32 bytes, for CI) when set, otherwise the file &lt;key dir&gt;/&lt;project&gt;-&lt;environment&gt;.key, where the
/// key dir is $STAGECRAFT_KEY_DIR or ~/.config/stagecraft/keys. The key never lives in the project
/// directory, so it cannot be committed with the secrets it protects.
/// </summary>
internal sealed class EnvironmentKeySource(string project, string environment, string projectDirectory, Func<string, string?> variables)
{
    public const string KeyVariable = "STAGECRAFT_SECRET_KEY";
    public const string KeyDirectoryVariable = "STAGECRAFT_KEY_DIR";
    private static readonly int WholeKeyLength = Convert.ToBase64String(new byte[EnvironmentKey.Length]).Length;
    private readonly string _project = project;
    private readonly string _environment = environment;
    private readonly object _gate = new();
    private EnvironmentKey? _loaded;

    public string KeyDirectory
    {
        get
        {
            var configured = variables(KeyDirectoryVariable);
            if (!string.IsNullOrEmpty(configured))
            {
                return Path.GetFullPath(configured);
            }

            var config = variables("XDG_CONFIG_HOME");
            if (string.IsNullOrEmpty(config))
            {
                var home = variables("HOME");
                config = Path.Combine(string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home, ".config");
            }

            return Path.Combine(Path.GetFullPath(config), "stagecraft", "keys");
        }
    }

    public string KeyFile => Path.Combine(KeyDirectory, $"{_project}-{_environment}.key");

    /// <summary>Both ways to provide a key, for error hints.</summary>
    public string HowToProvide =>
        $"set {KeyVariable} to the base64 key (CI), or keep it in {KeyFile} (mode 0600; 'stagecraft secret set' creates it; {KeyDirectoryVariable} moves the directory)";

    /// <summary>The key if one is configured; throws when one is configured but unusable.</summary>
    public EnvironmentKey? TryLoad()
    {
        lock (_gate)
        {
            return _loaded ??= ReadVariable() ?? ReadFile();
        }
    }

    /// <summary>The key, or a clear error naming both ways to provide it.</summary>
    public EnvironmentKey Load(string neededFor) =>
        TryLoad() ?? throw new StagecraftException(
            $"no secret key for environment '{_environment}' of project '{_project}', needed to {neededFor}",
            ExitCodes.InvalidInput, HowToProvide);

    /// <summary>What to tell the operator when <see cref="LoadOrCreate"/> made a new key file.</summary>
    public string CreatedNotice => $"created a new secret key for environment '{_environment}' at {KeyFile} (mode 0600); back it up. CI can use it as {KeyVariable}.";

    /// <summary>The key, creating the key file on first use; Created tells the caller to announce it.</summary>
    public (EnvironmentKey Key, bool Created) LoadOrCreate()
    {
        lock (_gate)
        {
            if (TryLoad() is { } existing)
            {
                return (existing, false);
            }

            var file = CheckedKeyFile();
            OwnerOnly.EnsureDirectory(Path.GetDirectoryName(file)!);
            var material = System.Security.Cryptography.RandomNumberGenerator.GetBytes(EnvironmentKey.Length);
            // CreateNew is the atomic claim: exactly one racer creates the file. The others wait until the
            // winner's key is whole (it is written and flushed at once) and use it.
            var text = Convert.ToBase64String(material) + "\n";
            try
            {
                using var stream = OwnerOnly.Create(file);
                stream.Write(System.Text.Encoding.ASCII.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(file))
            {
                return (ReadFile()!, false);
            }

            _loaded = new EnvironmentKey(material, "the key file " + file);
            return (_loaded, true);
        }
    }

    private EnvironmentKey? ReadVariable()
    {
        var text = variables(KeyVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return new EnvironmentKey(Decode(text, "the environment variable " + KeyVariable), "the environment variable " + KeyVariable);
    }

    private EnvironmentKey? ReadFile()
    {
        var file = CheckedKeyFile();
        if (!File.Exists(file))
        {
            return null;
        }

        if (OwnerOnly.IsShared(file))
        {
            throw new StagecraftException($"the key file {file} is readable by other users (mode {OwnerOnly.ModeText(file)}); refusing to use it",
                ExitCodes.InvalidInput, $"run: chmod 600 {file}");
        }

        return new EnvironmentKey(Decode(ReadWhole(file), "the key file " + file), "the key file " + file);
    }

    // A key file is written once, by whichever process created it, in one write while it holds the
    // file open (exclusively, as .NET locks it). A reader that meets it in that moment waits for it.
    private static string ReadWhole(string file)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            try
            {
                var text = File.ReadAllText(file);
                if (text.Trim().Length >= WholeKeyLength || DateTime.UtcNow >= deadline)
                {
                    return text;
                }
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
            }

            Thread.Sleep(10);
        }
    }

    private string CheckedKeyFile()
    {
        var file = KeyFile;
        if (ProjectPaths.IsInside(projectDirectory, file))
        {
            throw new StagecraftException($"the key directory {KeyDirectory} is inside the project directory; a key kept there could be committed with the secrets it protects",
                ExitCodes.InvalidInput, $"point {KeyDirectoryVariable} at a directory outside {projectDirectory}");
        }

        return file;
    }

    private static byte[] Decode(string text, string source)
    {
        try
        {
            var bytes = Convert.FromBase64String(text.Trim());
            if (bytes.Length == EnvironmentKey.Length)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        // Never echo the text: it may be a real key with a typo.
        throw new StagecraftException($"{source} does not hold a valid key (base64 of {EnvironmentKey.Length} bytes)", ExitCodes.InvalidInput,
            $"generate one with: head -c {EnvironmentKey.Length} /dev/urandom | base64");
    }
}
