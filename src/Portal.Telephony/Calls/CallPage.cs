namespace Portal.Telephony.Calls;

/// <summary>
/// A batch of calls read from a vendor. <see cref="Watermark"/> is the time up to which everything has been
/// read: the sync engine may move its cursor there in the same transaction as these rows.
/// </summary>
public sealed record CallPage(IReadOnlyList<NormalizedCall> Calls, IReadOnlyList<SkippedRecord> Skipped, DateTime Watermark);

/// <summary>A vendor record that could not be read: which one, why, and the record as it came.</summary>
public sealed record SkippedRecord(string? VendorKey, string Reason, string RawPayload);

/// <summary>A record from a live stream with the event id to resume after, or a record that could not be read.</summary>
public sealed record StreamedCall(string? EventId, NormalizedCall? Call, SkippedRecord? Skipped);
