using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Connections;

/// <summary>
/// A connection with its sync status, as the Connections page lists it. Never carries a secret. <see cref="RemovalJobId"/>:
/// the deletion job removing it, while one runs.
/// </summary>
public sealed record ConnectionRow(
    int Id,
    string Name,
    VendorKind Vendor,
    string BaseUrl,
    ConnectionState State,
    bool IsPaused,
    bool ManagedByConfiguration,
    DateTime? LastSuccessAtUtc,
    DateTime? LastErrorAtUtc,
    string? LastError,
    int ConsecutiveErrors,
    long SkippedRecords,
    long UnknownValues,
    long RecordsStored,
    DateTime? WatermarkUtc,
    long? RemovalJobId = null)
{
    /// <summary>Paused wins over what the sync engine last reported.</summary>
    public ConnectionState DisplayState => IsPaused ? ConnectionState.Paused : State;

    /// <summary>How far the stored records trail now (from the "records" cursor); null before the first sync.</summary>
    public TimeSpan? LagAt(DateTime nowUtc) => WatermarkUtc is { } watermark ? TimeSpan.FromTicks(Math.Max(0, (nowUtc - watermark).Ticks)) : null;
}

/// <summary>A connection opened for editing: its settings and the names (only the names) of its stored secrets.</summary>
public sealed record ConnectionDetails(ConnectionRow Row, ConnectionDraft Draft, IReadOnlySet<string> StoredSecretNames);

/// <summary>A change the service refuses, with a message for the administrator (never a secret in it).</summary>
public sealed class ConnectionChangeRefusedException(string message, ConnectionValidation? validation = null) : Exception(message)
{
    public ConnectionValidation? Validation { get; } = validation;
}
