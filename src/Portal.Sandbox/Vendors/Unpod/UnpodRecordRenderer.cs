using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.Unpod;

/// <summary>A generated call as an Unpod call log (current format, or the older one with an id; see <see cref="UnpodVocabulary"/>).</summary>
internal static class UnpodRecordRenderer
{
    /// <summary>What a malformed record's <c>creation_time</c> says (VendorFaults.MalformedRate).</summary>
    public const string MalformedCreationTime = "not-a-date";

    public static JsonObject Render(GeneratedCall call, bool malformed)
    {
        var inbound = call.Direction == CallDirection.Inbound;
        var line = UnpodSandbox.LineNumber(call.Extension);
        var older = UnpodVocabulary.OlderFormat(call);
        var record = new JsonObject();
        if (older)
        {
            record["id"] = UnpodVocabulary.Id(call);
        }
        record["source_number"] = inbound ? call.External.E164 : line;
        record["destination_number"] = inbound ? line : call.External.E164;
        record["call_type"] = inbound ? "inbound" : "outbound";
        record["call_status"] = UnpodVocabulary.Status(call);
        record["creation_time"] = malformed ? MalformedCreationTime : Iso8601(call.StartedAtUtc);
        record["start_time"] = call.WasAnswered ? Iso8601(call.AnsweredAtUtc!.Value) : null;
        record["end_time"] = call.WasAnswered ? Iso8601(call.EndedAtUtc) : null;
        record["call_duration"] = older ? JsonValue.Create(UnpodVocabulary.Duration(call.TalkSeconds)) : JsonValue.Create(call.TalkSeconds);
        record["end_reason"] = UnpodVocabulary.EndReason(call);
        if (older)
        {
            record["bridge"] = 1;
        }
        return record;
    }

    public static string Iso8601(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
