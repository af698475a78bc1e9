using System.Net;
using Amazon.S3.Model;

namespace Stagecraft.Aws.State;

/// <summary>
/// The state's version objects in S3. Each is written once under a new key and never changed, so
/// a failed or rejected write cannot damage a version anyone points at.
/// </summary>
internal sealed class VersionObjects(IAmazonS3 s3, StateLocation location, string where)
{
    private const string Service = "S3";

    // StateClients' SDK configuration retries already; a second layer would only slow a failure down.
    private static readonly SdkCall Call = SdkCall.Once;

    private readonly StateLocation _location = location;
    private readonly string _where = $"{where}, bucket '{location.Bucket}'";

    public Task PutAsync(byte[] body, VersionInfo info, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _location.Bucket,
            Key = info.Key,
            InputStream = new MemoryStream(body, writable: false),
            ContentType = "application/json",

            // Signed as a whole: S3-compatible stores such as s3rver would store aws-chunked framing as the content.
            UseChunkEncoding = false,
        };
        request.Metadata.Add("serial", info.Serial.ToString(CultureInfo.InvariantCulture));
        request.Metadata.Add("parent", info.Parent ?? "");
        request.Metadata.Add("parent-sha256", info.ParentSha256 ?? "");
        request.Metadata.Add("written-at", info.WrittenAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        request.Metadata.Add("written-by", Ascii(info.WrittenBy));
        request.Metadata.Add("change", Ascii(info.Change));
        return Call.RunAsync(Site($"writing state version {info.Serial}"), "PutObject", ct => s3.PutObjectAsync(request, ct), cancellationToken);
    }

    /// <summary>The object's bytes, or null when it does not exist.</summary>
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await Call.RunAsync<GetObjectResponse?>(Site($"reading {key}"), "GetObject", async ct =>
        {
            try
            {
                return await s3.GetObjectAsync(_location.Bucket, key, ct).ConfigureAwait(false);
            }
            catch (AmazonS3Exception error) when (IsMissingObject(error))
            {
                return null;
            }
        }, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>A version's metadata without its body, or null when it does not exist (expired by a lifecycle rule, say) or has none.</summary>
    public async Task<VersionInfo?> DescribeAsync(string key, CancellationToken cancellationToken)
    {
        var response = await Call.RunAsync<GetObjectMetadataResponse?>(Site($"reading {key}"), "HeadObject", async ct =>
        {
            try
            {
                return await s3.GetObjectMetadataAsync(_location.Bucket, key, ct).ConfigureAwait(false);
            }
            catch (AmazonS3Exception error) when (IsMissingObject(error))
            {
                return null;
            }
        }, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        var meta = response.Metadata;
        if (meta["serial"] is not { Length: > 0 } || meta["written-at"] is not { Length: > 0 })
        {
            return null; // not written by Stagecraft, or its metadata was lost: the chain cannot go on from here
        }

        return new VersionInfo(
            long.Parse(meta["serial"], CultureInfo.InvariantCulture),
            key,
            meta["parent"] is { Length: > 0 } parent ? parent : null,
            meta["parent-sha256"] is { Length: > 0 } parentSha ? parentSha : null,
            DateTimeOffset.ParseExact(meta["written-at"], "O", CultureInfo.InvariantCulture, DateTimeStyles.None),
            meta["written-by"] ?? "",
            meta["change"] ?? "",
            response.ContentLength);
    }

    /// <summary>Removes a version no one points at (a rejected write); failing to is harmless.</summary>
    public async Task TryDeleteAsync(string key)
    {
        try
        {
            await s3.DeleteObjectAsync(_location.Bucket, key).ConfigureAwait(false);
        }
        catch (Exception error) when (error is AmazonS3Exception or Amazon.Runtime.AmazonClientException or HttpRequestException or IOException or OperationCanceledException)
        {
            // An orphan costs a few bytes; it is never pointed at, so never read as state.
        }
    }

    // A missing key is an answer, not a failure; HEAD requests carry no error code, only the status.
    private static bool IsMissingObject(AmazonS3Exception error) =>
        error.StatusCode == HttpStatusCode.NotFound && error.ErrorCode is "NoSuchKey" or "NotFound" or null or "";

    private SdkCallSite Site(string what) => new(Service, _where, what);

    /// <summary>S3 metadata is ASCII text; anything else becomes '?'.</summary>
    private static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }
}
