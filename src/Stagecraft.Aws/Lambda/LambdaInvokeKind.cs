namespace Stagecraft.Aws.Lambda;

/// <summary>
/// Invokes a function once per fingerprint (the engine skips it while nothing changed), e.g. a
/// database initialisation. A function error fails the stage with the function's error payload.
/// </summary>
internal sealed class LambdaInvokeKind : StageKind, IDriftCheck
{
    public const string KindName = "lambda-invoke";
    private const int ResponseLimit = 4096;

    public override string Name => KindName;

    public override string Version => "1";

    public override string Summary => "invokes a Lambda function once per fingerprint; a function error fails the stage";

    public override IReadOnlyList<string>? Targets { get; } = [TargetKind.Aws];

    public override IReadOnlyList<string>? KnownOutputs { get; } = ["status_code", "executed_version", "response"];

    public override KindSchema Schema { get; } = new(
        AwsStage.Region,
        new FieldSpec("function", FieldType.String, "the function's name or ARN", Required: true),
        new FieldSpec("payload", FieldType.String, "the event as JSON text (default {})"),
        new FieldSpec("payload_file", FieldType.Path, "a file holding the event JSON, instead of 'payload'"),
        new FieldSpec("qualifier", FieldType.String, "a version or alias"),
        new FieldSpec("timeout", FieldType.Duration, "how long to wait for the function (default 15m)"));

    public override IEnumerable<string> InputPatterns(ResolvedMap settings, string projectDirectory) =>
        settings.String("payload_file") is { } file ? [file] : [];

    public Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<DriftResult>(new DriftResult.Unchecked("one-shot: an invocation happened once and leaves nothing of its own to look at"));

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Environment(context);
        var settings = context.Settings;
        var function = settings.RequiredString("function");
        var payload = settings.Scalar("payload_file") is { } file
            ? await File.ReadAllTextAsync(context.ResolvePath(file), cancellationToken).ConfigureAwait(false)
            : settings.String("payload") ?? "{}";
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);

        Directory.CreateDirectory(context.StageDirectory);
        var payloadFile = Path.Combine(context.StageDirectory, $"payload-{context.RunId}.json");
        var responseFile = Path.Combine(context.StageDirectory, $"response-{context.RunId}.json");
        LambdaInvocation result;
        try
        {
            // Owner-only: the payload and the response may carry resolved secrets. A file left by a
            // crashed attempt is removed first, as owner-only creation needs a new file.
            OwnerOnlyFile.Delete(payloadFile);
            OwnerOnlyFile.Delete(responseFile);
            await OwnerOnlyFile.WriteAsync(payloadFile, payload, cancellationToken).ConfigureAwait(false);
            OwnerOnlyFile.CreateEmpty(responseFile);
            context.Log.Line($"# invoking {function}{(settings.String("qualifier") is { } q ? ":" + q : "")}");
            context.Log.Status("invoking " + function);
            using var deadline = new StageDeadline(settings.Duration("timeout") ?? TimeSpan.FromMinutes(15), context.Time, cancellationToken);
            result = await deadline.RunAsync($"function {function}", ct => aws.Lambda.InvokeAsync(function, settings.String("qualifier"), payloadFile, responseFile, ct)).ConfigureAwait(false);
        }
        finally
        {
            OwnerOnlyFile.Delete(payloadFile);
            OwnerOnlyFile.Delete(responseFile);
        }

        var response = context.Masker.Apply(result.Payload);
        if (result.FunctionError is not null)
        {
            context.Log.Line(response);
            throw new StageFailedException($"{AwsErrorCode.FunctionError}: function {function} failed ({result.FunctionError}): {ErrorMessage(response)}",
                ErrorDetails(response), "the function's own error is above; its logs are in CloudWatch under /aws/lambda/" + function);
        }

        context.Log.Line($"# status {result.StatusCode}, version {result.ExecutedVersion ?? "?"}");
        context.Log.Line(response);
        return StageOutcome.Done(new Dictionary<string, OutputValue>(StringComparer.Ordinal)
        {
            ["status_code"] = new(result.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["executed_version"] = new(result.ExecutedVersion ?? ""),
            ["response"] = new(response.Length <= ResponseLimit ? response : response[..ResponseLimit]),
        });
    }

    private static string ErrorMessage(string payload) =>
        TryParse(payload) is { } root && root.TryGetProperty("errorMessage", out var message) ? message.ToString() : payload.Trim();

    // The Lambda error shape: errorType, errorMessage, stackTrace (a list of lines).
    private static IReadOnlyList<string> ErrorDetails(string payload)
    {
        if (TryParse(payload) is not { } root)
        {
            return [payload];
        }

        var details = new List<string>();
        if (root.TryGetProperty("errorType", out var type))
        {
            details.Add("errorType: " + type);
        }

        if (root.TryGetProperty("errorMessage", out var message))
        {
            details.Add("errorMessage: " + message);
        }

        if (root.TryGetProperty("stackTrace", out var trace) && trace.ValueKind == JsonValueKind.Array)
        {
            details.AddRange(trace.EnumerateArray().Take(10).Select(t => "  " + t.ToString().Trim()));
        }

        return details.Count > 0 ? details : [payload];
    }

    private static JsonElement? TryParse(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
