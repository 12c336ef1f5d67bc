namespace Portal.Telephony.Capabilities;

/// <summary>The extensions of the tenant (NFON CTI).</summary>
public interface IExtensionDirectory : IVendorAdapter
{
    Task<IReadOnlyList<DirectoryExtension>> ListExtensionsAsync(CancellationToken cancellationToken);
}

public sealed record DirectoryExtension(string Number, string? Name, string VendorId);

/// <summary>Live line state and presence per extension (NFON CTI): a full snapshot first, then changes.</summary>
public interface ILineStateStream : IVendorAdapter
{
    IAsyncEnumerable<LineStateChange> StreamLineStatesAsync(CancellationToken cancellationToken);
}

public enum LineState { Unknown, Offline, Idle, Ringing, InUse }

public enum Presence { Unknown, Offline, Available, Away, Busy, DoNotDisturb }

public sealed record LineStateChange(string Extension, LineState Line, Presence Presence, DateTime? AtUtc, string RawLine, string? RawPresence);

/// <summary>Live call events of the whole tenant (NFON CTI): only what happens after connecting.</summary>
public interface ICallEventStream : IVendorAdapter
{
    IAsyncEnumerable<LiveCallEvent> StreamCallEventsAsync(CancellationToken cancellationToken);
}

public sealed record LiveCallEvent(
    string CallId,
    string State,
    string? Extension,
    Calls.CallDirection? Direction,
    string? Caller,
    string? Callee,
    DateTime? AtUtc,
    string? Error);

/// <summary>Click-to-call and hang-up (NFON CTI).</summary>
public interface ICallControl : IVendorAdapter
{
    /// <summary>Rings <paramref name="extension"/> first, then dials <paramref name="destination"/>; returns the call id.</summary>
    Task<string> StartCallAsync(string extension, string destination, CancellationToken cancellationToken);

    /// <summary>Cancels a call started through the API; false when the call no longer exists.</summary>
    Task<bool> EndCallAsync(string callId, CancellationToken cancellationToken);
}
