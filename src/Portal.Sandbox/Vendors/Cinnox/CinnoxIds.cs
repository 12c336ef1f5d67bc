using Portal.Sandbox.Traffic;

namespace Portal.Sandbox.Vendors.Cinnox;

/// <summary>CINNOX's ids of a generated call: record id, history id, call id, recording file id.</summary>
internal static class CinnoxIds
{
    /// <summary><c>id</c>: 24 hex digits, like CINNOX's object ids.</summary>
    public static string RecordId(GeneratedCall call) => Guid.Parse(call.Id).ToString("N")[..24];

    public static string HistoryId(GeneratedCall call) => "h" + Guid.Parse(call.Id).ToString("N")[8..24];

    /// <summary><c>callID</c>: the SIP call id.</summary>
    public static string CallId(GeneratedCall call) => call.Id + "@sip.sandbox.cinnox";

    public static string FileId(GeneratedCall call) => "rf" + Guid.Parse(call.Id).ToString("N");

    /// <summary>The generated call's id behind a recording file id, or null when it is not one of ours.</summary>
    public static string? CallIdOfFile(string fileId) =>
        fileId.StartsWith("rf", StringComparison.Ordinal) && Guid.TryParseExact(fileId[2..], "N", out var id) ? id.ToString() : null;

    public static string StaffEid(string extension) => "eid-staff-" + extension;
}
