using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Capabilities;

// What an adapter can do. Each vendor's adapter implements the interfaces of the capabilities it has;
// callers ask with `adapter is ICallRecordSource source`.

/// <summary>Any adapter: who it talks to, and whether the settings work.</summary>
public interface IVendorAdapter
{
    VendorKind Vendor { get; }

    /// <summary>Makes one cheap authenticated call; null when it worked, otherwise what is wrong, in words.</summary>
    Task<VendorError?> TestConnectionAsync(CancellationToken cancellationToken);
}

/// <summary>Reads call records page by page (every record vendor).</summary>
public interface ICallRecordSource : IVendorAdapter
{
    /// <summary>
    /// Every call that started at or after <paramref name="sinceUtc"/>, oldest first where the vendor allows,
    /// in pages. Records that cannot be read are reported in <see cref="CallPage.Skipped"/>; they never stop the rest.
    /// Throws <see cref="VendorException"/> when the vendor cannot be read at all.
    /// </summary>
    IAsyncEnumerable<CallPage> ReadSinceAsync(DateTime sinceUtc, CancellationToken cancellationToken);
}

/// <summary>A live stream of call records (NFON Call History SSE); resumes after a drop by itself.</summary>
public interface ILiveCallRecordStream : IVendorAdapter
{
    /// <summary>Records as they happen, starting after <paramref name="lastEventId"/> where the vendor honours it.</summary>
    IAsyncEnumerable<StreamedCall> StreamAsync(string? lastEventId, CancellationToken cancellationToken);
}

/// <summary>Deletes records at the vendor (NFON Call History).</summary>
public interface ICallRecordDeleter : IVendorAdapter
{
    /// <summary>False when the vendor no longer has the record.</summary>
    Task<bool> DeleteAsync(string vendorCallId, CancellationToken cancellationToken);

    /// <summary>Deletes exactly these records (never a delete without ids).</summary>
    Task DeleteManyAsync(IReadOnlyCollection<string> vendorCallIds, CancellationToken cancellationToken);
}

/// <summary>A recording's audio, read from the vendor (CINNOX, WebFones 3.1).</summary>
public interface IRecordingSource : IVendorAdapter
{
    Task<RecordingContent> OpenRecordingAsync(string vendorCallId, RecordingInfo recording, CancellationToken cancellationToken);
}

public sealed record RecordingContent(Stream Content, string ContentType, long? Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
