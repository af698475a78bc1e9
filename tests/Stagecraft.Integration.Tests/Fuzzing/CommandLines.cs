using CsCheck;

namespace Stagecraft.Integration.Tests.Fuzzing;

/// <summary>
/// Generators of command lines around validate: unknown verbs and options, options without their
/// value or repeated, odd characters in values. "{file}" stands for the project file of the case.
/// Real verbs other than validate are never generated: they may write, and validate is the subject.
/// </summary>
internal static class CommandLines
{
    private static readonly string[] Odd =
    [
        "", " ", "-", "--", "---", "@", "@nowhere", "=", "-f=", "--file=", "\0", "\n", "\t", "'", "\"", "$HOME", "${var.x}", "*", "?",
        "..", "/", "//", "\\", "é", "\U0001F600", "\u202E", "\uFFFD", "-e", "--environment", "--json", "--help", "-h", "-?", "--version",
        "--no-color", "--verbose", "--verbose=false", "--no-color=maybe", "-fe", "-ef", "-f-", "--File", "--FILE", "VALIDATE",
    ];

    private static readonly Gen<string> Word = Gen.OneOf(
        Gen.OneOf<string>(Odd),
        Gen.String[Gen.Char, 1, 12],
        Gen.String[Gen.Char.AlphaNumeric, 1, 16],
        Gen.Int[1, 5_000].Select(n => new string('a', n)),
        Gen.OneOf<string>("local", "dev", "prod", "staging", "LOCAL", "local ", " local", "a/b", "../local"));

    private static readonly Gen<string[]> Option = Gen.OneOf(
        Gen.Const<string[]>(["-f", "{file}"]),
        Gen.Const<string[]>(["--file", "{file}"]),
        Gen.Const<string[]>(["-f"]),
        Word.Select(w => new[] { "-f", w }),
        Word.Select(w => new[] { "-e", w }),
        Word.Select(w => new[] { "--environment", w }),
        Gen.Const<string[]>(["-e"]),
        Gen.Const<string[]>(["--no-color"]),
        Gen.Const<string[]>(["--verbose"]),
        Word.Select(w => new[] { "--" + w }),
        Word.Select(w => new[] { "-" + w }),
        Word.Select(w => new[] { w }));

    // The real verbs, never generated: all but validate may change something.
    private static readonly HashSet<string> KnownVerbs = new(StringComparer.Ordinal)
    {
        "init", "validate", "plan", "deploy", "destroy", "status", "outputs", "history", "show", "graph", "approve", "unlock",
        "param", "secret", "state", "rollback", "agent", "bootstrap",
    };

    private static readonly Gen<string> Verb = Gen.Frequency(
        W(6, Gen.Const("validate")),
        W(1, Gen.OneOf<string>("valdate", "validat", "validatee", "Validate", "check", "lint", "verify", "vaildate")),
        W(1, Gen.String[Gen.Char.AlphaNumeric, 1, 10].Where(w => !KnownVerbs.Contains(w))),
        W(1, Gen.OneOf<string>(Odd).Where(w => !KnownVerbs.Contains(w) && !w.StartsWith('-'))));

    private static (int, IGen<string>) W(int weight, Gen<string> gen) => (weight, gen);

    /// <summary>A verb, then up to six options in any order (the project file is usually among them).</summary>
    public static Gen<string[]> Any { get; } =
        from verb in Verb
        from withFile in Gen.Int[0, 3]
        from options in Option.Array[0, 6]
        select (string[])[verb, .. withFile > 0 ? ["-f", "{file}"] : Array.Empty<string>(), .. options.SelectMany(o => o)];
}
