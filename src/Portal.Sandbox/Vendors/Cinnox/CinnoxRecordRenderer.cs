using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Sandbox.Company;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.Cinnox;

/// <summary>
/// A generated call as a CINNOX call-detail record. Both documented type variants appear: caller/callee are JSON
/// numbers on even call numbers and strings on odd ones (international digits without '+'); files.type is an integer,
/// or the string "3" on every third call.
/// </summary>
internal static class CinnoxRecordRenderer
{
    /// <summary>What a malformed record's <c>callDate</c> says (VendorFaults.MalformedRate).</summary>
    public const string MalformedCallDate = "not-a-date";

    public static JsonObject Render(GeneratedCall call, string emulatorUrl, bool malformed)
    {
        var inbound = call.Direction == CallDirection.Inbound;
        var staff = call.Extension;
        var (role, roleName) = CinnoxVocabulary.Role(staff);
        var team = SandboxCompany.Teams.Single(t => t.Key == staff.TeamKey);
        var (first, last) = SplitName(staff.Name);
        var (responseCode, byeReason) = CinnoxVocabulary.Bye(call.Cause);
        var numbersAsJsonNumbers = call.Number % 2 == 0;
        JsonNode Phone(string digits) => numbersAsJsonNumbers ? JsonValue.Create(long.Parse(digits, CultureInfo.InvariantCulture)) : JsonValue.Create(digits);

        var staffSide = new JsonObject
        {
            ["EID"] = CinnoxIds.StaffEid(staff.Number),
            ["SvcID"] = "svc-" + staff.Number,
            ["Role"] = role,
            ["RoleName"] = roleName,
            ["Department"] = team.Name,
            ["DepartmentID"] = "dept-" + team.Key,
            ["DisplayName"] = staff.Name,
        };
        var record = new JsonObject
        {
            ["id"] = CinnoxIds.RecordId(call),
            ["hid"] = CinnoxIds.HistoryId(call),
            ["svcID"] = "svc-sandbox-company",
            ["date"] = call.StartedAtUtc.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            ["roomID"] = "room-" + call.Number.ToString(CultureInfo.InvariantCulture),
            ["seq"] = 1,
            ["type"] = "call",
            ["fromRegion"] = inbound ? call.External.Region : "DE",
            ["callSeq"] = 1,
            ["callID"] = CinnoxIds.CallId(call),
            ["callDirection"] = inbound ? "Inbound" : "Outbound",
            ["callType"] = CinnoxVocabulary.CallType(call),
            ["fromIP"] = inbound ? "" : "10.20.0." + staff.Number,
            ["callPrepareFromNum"] = CinnoxSandbox.TrunkNumber,
            ["caller"] = Phone(inbound ? call.External.E164.TrimStart('+') : staff.Number),
            ["callee"] = Phone(inbound ? staff.Number : call.External.E164.TrimStart('+')),
            ["callDate"] = malformed ? MalformedCallDate : Rfc3339(call.StartedAtUtc),
            ["callEndTime"] = Rfc3339(call.EndedAtUtc),
            ["status"] = CinnoxVocabulary.Status(call.Cause),
            ["lastResponseCode"] = responseCode,
            ["byeReason"] = byeReason,
            ["releaseParty"] = call.Cause == EndCause.CallerCancelled || call.Number % 2 == 1 ? "Caller" : "Callee",
            ["mediaType"] = "audio",
            ["isRecording"] = call.HasRecording,
            ["hasAudioFile"] = call.HasRecording,
            ["recordingEventList"] = call.HasRecording ? new JsonArray(RecordingEvent(call, emulatorUrl)) : new JsonArray(),
            ["recordType"] = "call",
            ["lastHandledParty"] = CinnoxIds.StaffEid(staff.Number),
        };
        var staffPrefix = inbound ? "to" : "from";
        foreach (var (key, value) in staffSide)
        {
            record[staffPrefix + key] = value!.DeepClone();
        }
        record[inbound ? "calleeFirstName" : "callerFirstName"] = first;
        record[inbound ? "calleeLastName" : "callerLastName"] = last;
        if (call.External.Name is { } externalName)
        {
            record[inbound ? "fromDisplayName" : "toDisplayName"] = externalName;
        }
        return record;
    }

    public static string RecordingUrl(string emulatorUrl, GeneratedCall call) =>
        $"{emulatorUrl}/v1/api/apps/{CinnoxSandbox.AppId}/recordings/{CinnoxIds.FileId(call)}";

    private static JsonObject RecordingEvent(GeneratedCall call, string emulatorUrl) => new()
    {
        ["recorderEID"] = CinnoxIds.StaffEid(call.Extension.Number),
        ["startAt"] = Rfc3339(call.AnsweredAtUtc ?? call.StartedAtUtc),
        ["endAt"] = Rfc3339(call.EndedAtUtc),
        ["files"] = new JsonArray(new JsonObject
        {
            ["id"] = CinnoxIds.FileId(call),
            ["name"] = $"call-{CinnoxIds.RecordId(call)}.wav",
            ["downloadUrl"] = RecordingUrl(emulatorUrl, call),
            ["duration"] = call.TalkSeconds * 1000L,
            ["mimeType"] = CinnoxRecordingAudio.ContentType,
            ["size"] = CinnoxRecordingAudio.Wav.Length,
            ["type"] = call.Number % 3 == 0 ? JsonValue.Create("3") : JsonValue.Create(3),
            ["isPrivate"] = true,
        }),
        ["code"] = 0,
    };

    public static string Rfc3339(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static (string First, string Last) SplitName(string name)
    {
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (name, "") : (name[..space], name[(space + 1)..]);
    }
}
