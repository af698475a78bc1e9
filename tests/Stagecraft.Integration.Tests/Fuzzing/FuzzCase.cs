namespace Stagecraft.Integration.Tests.Fuzzing;

/// <summary>
/// One run of validate: the project file's bytes, the directory it is validated in (a copy of
/// <see cref="Home"/>, or an empty one) and the command line ("{file}" is its path).
/// </summary>
internal sealed record FuzzCase(string Seed, string Origin, string? Home, IReadOnlyList<Mutation> Mutations, byte[] File, string[] Args)
{
    /// <summary>The command line of a mutated file: the file is all that varies, so its errors must be located in it.</summary>
    public static readonly string[] ValidateFile = ["validate", "-f", "{file}"];

    public override string ToString() =>
        $"case {Seed}: {Origin}; mutations: [{string.Join("; ", Mutations)}]; args: [{string.Join(", ", Args.Select(a => a.Length > 60 ? a[..60] + "…" : a))}]";
}
