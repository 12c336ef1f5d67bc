using Portal.Telephony.Calls;

namespace Portal.Web.Reporting.Spreadsheets;

/// <summary>Words that exports write for the portal's values.</summary>
public static class ExportLabels
{
    public static string Outcome(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Answered => "Answered",
        CallOutcome.Missed => "Missed",
        CallOutcome.NotConnected => "Not connected",
        CallOutcome.Failed => "Failed",
        CallOutcome.Unknown => "Unknown",
        _ => outcome.ToString(),
    };

    public static string Direction(CallDirection direction) => direction switch
    {
        CallDirection.Inbound => "Inbound",
        CallDirection.Outbound => "Outbound",
        CallDirection.Internal => "Internal",
        _ => direction.ToString(),
    };
}
