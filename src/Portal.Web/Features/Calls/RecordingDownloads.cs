using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Calls;

/// <summary>What opening a recording came to.</summary>
public enum RecordingOpenStatus
{
    Opened,
    /// <summary>No such call, or the call has no such recording.</summary>
    NotFound,
    /// <summary>The vendor could not serve the audio (the message says why).</summary>
    VendorFailed,
}

public sealed record RecordingOpenResult(RecordingOpenStatus Status, RecordingContent? Content = null, string? FileName = null, string? Message = null);

/// <summary>
/// Opens a recording's audio from the vendor for a user who may see the call: through the connection's adapter when it
/// reads recordings (<see cref="IRecordingSource"/>: credentials stay on the server), otherwise from the stored download
/// address without credentials, and only when it is on the connection's own scheme, host and port. The browser only
/// ever sees the portal's address, and gets the audio under a content type of <see cref="SafeContentType"/>'s short list.
/// </summary>
public sealed class RecordingDownloads(
    IDbContextFactory<PortalDbContext> contexts,
    VendorAdapters adapters,
    ConnectionSecretProtector secrets,
    IHttpClientFactory httpClients,
    ILogger<RecordingDownloads> logger)
{
    public const string HttpClientName = "recordings";

    /// <summary>Throws <see cref="UnauthorizedAccessException"/> when the call is outside the user's scope.</summary>
    public async Task<RecordingOpenResult> OpenAsync(PortalUser user, long callId, long recordingId, CancellationToken cancellationToken)
    {
        Data.Entities.Connection connection;
        Data.Entities.Recording recording;
        string vendorCallId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var call = await CallDetails.FindInScopeAsync(db, user, callId, cancellationToken);
            var found = call is null
                ? null
                : await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == recordingId && r.CallId == callId, cancellationToken);
            if (call is null || found is null)
            {
                return new RecordingOpenResult(RecordingOpenStatus.NotFound);
            }
            recording = found;
            vendorCallId = call.VendorCallId;
            connection = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == call.ConnectionId, cancellationToken);
        }

        var info = new RecordingInfo(recording.VendorRecordingId, recording.ContentType, recording.DurationSeconds, recording.SizeBytes,
            recording.CreatedAtUtc, recording.DownloadUrl);
        try
        {
            var content = await OpenFromVendorAsync(connection, vendorCallId, info, cancellationToken);
            if (content is null)
            {
                return new RecordingOpenResult(RecordingOpenStatus.VendorFailed,
                    Message: $"{connection.Name} cannot serve recordings, and the record names no download address.");
            }
            var served = content with { ContentType = SafeContentType(content.ContentType) };
            return new RecordingOpenResult(RecordingOpenStatus.Opened, served, FileName(callId, recordingId, served.ContentType));
        }
        catch (VendorException ex)
        {
            logger.LogWarning("Recording {RecordingId} of call {CallId} could not be read from {Connection}: {Error}",
                recordingId, callId, connection.Name, ex.Error.Message);
            return new RecordingOpenResult(RecordingOpenStatus.VendorFailed, Message: ex.Error.Message);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Recording {RecordingId} of call {CallId} could not be downloaded: {Error}", recordingId, callId, ex.Message);
            return new RecordingOpenResult(RecordingOpenStatus.VendorFailed,
                Message: VendorNetwork.RefusalIn(ex)?.Message ?? $"{connection.Name} could not be reached for the recording.");
        }
        catch (InvalidOperationException ex)
        {
            // The stored credentials cannot be decrypted any more (the message says so, without the secret).
            logger.LogWarning("Recording {RecordingId} of call {CallId} could not be read from {Connection}: {Error}",
                recordingId, callId, connection.Name, ex.Message);
            return new RecordingOpenResult(RecordingOpenStatus.VendorFailed, Message: ex.Message);
        }
    }

    private async Task<RecordingContent?> OpenFromVendorAsync(Data.Entities.Connection connection, string vendorCallId, RecordingInfo info,
        CancellationToken cancellationToken)
    {
        if (adapters.Vendors.Contains(connection.Vendor) && adapters.Create(connection.ToVendorSettings(secrets)) is IRecordingSource source)
        {
            return await source.OpenRecordingAsync(vendorCallId, info, cancellationToken);
        }
        if (!Uri.TryCreate(info.DownloadUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return null;
        }
        if (!Uri.TryCreate(connection.BaseUrl, UriKind.Absolute, out var origin) || !VendorNetwork.SameOrigin(url, origin))
        {
            throw new VendorException(new VendorError(connection.Vendor, VendorErrorKind.Rejected,
                $"The recording's download address is on {url.Scheme}://{url.Authority}; the portal fetches recordings only from {connection.Name}'s own address."));
        }
        var response = await httpClients.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            using (response)
            {
                throw VendorNetwork.RedirectRefused(connection.Vendor, response);
            }
        }
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new VendorException(new VendorError(connection.Vendor, VendorErrorKind.Rejected,
                $"{connection.Name} answered the recording download with HTTP {status}.", status));
        }
        return new RecordingContent(await response.Content.ReadAsStreamAsync(cancellationToken),
            response.Content.Headers.ContentType?.MediaType ?? info.ContentType ?? "", response.Content.Headers.ContentLength);
    }

    /// <summary>
    /// The content type the portal serves a recording under: one of a short list of audio types (aliases folded), or
    /// <c>application/octet-stream</c>; never the vendor's type as such (it could be text/html).
    /// </summary>
    public static string SafeContentType(string? vendorType) => vendorType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "audio/wav" or "audio/x-wav" or "audio/wave" or "audio/vnd.wave" => "audio/wav",
        "audio/mpeg" or "audio/mp3" => "audio/mpeg",
        "audio/ogg" => "audio/ogg",
        "audio/opus" => "audio/opus",
        "audio/mp4" or "audio/x-m4a" or "audio/m4a" => "audio/mp4",
        "audio/aac" => "audio/aac",
        "audio/webm" => "audio/webm",
        "audio/flac" or "audio/x-flac" => "audio/flac",
        _ => "application/octet-stream",
    };

    /// <summary>"call-42-recording-7.wav": the extension from the audio's content type.</summary>
    public static string FileName(long callId, long recordingId, string contentType)
    {
        var extension = SafeContentType(contentType) switch
        {
            "audio/wav" => ".wav",
            "audio/mpeg" => ".mp3",
            "audio/ogg" => ".ogg",
            "audio/opus" => ".opus",
            "audio/mp4" => ".m4a",
            "audio/aac" => ".aac",
            "audio/webm" => ".webm",
            "audio/flac" => ".flac",
            _ => ".bin",
        };
        return $"call-{callId}-recording-{recordingId}{extension}";
    }
}
