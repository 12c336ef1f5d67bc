using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.WebFones;

namespace Portal.Telephony.Tests.WebFones;

public sealed class WebFonesRecordReaderTests
{
    private static readonly DateTime Since = new(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly WebFonesRecordReader Reader = new(
        new VendorConnectionSettings(VendorKind.WebFones, new Uri("https://api.webfones.com:2343"), new Dictionary<string, string>(), "US", "America/New_York"),
        TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

    private static CallPage Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Reader.ToPage(document.RootElement, Since);
    }

    private static string Answer(params string[] records) => $$"""{"success":true,"count":{{records.Length}},"records":[{{string.Join(",", records)}}]}""";

    [Fact]
    public void ToPage_DocumentedRecord_MapsEveryField()
    {
        const string record = """{"rid":211159,"call_timestamp":"2025-07-01 20:54:53","cidname_outside":"B WHITTAKER","cidext_inside":"3203","direction":"OUTGOING","cidnumber_outside":"(212) 555-0123","cidnumber_inside":"(212) 555-0100, x3203","disposition":"ANSWERED","duration":75,"billsec":60,"has_recording":1}""";

        var call = Assert.Single(Read(Answer(record)).Calls);

        Assert.Equal("211159", call.VendorCallId);
        Assert.Equal(CallDirection.Outbound, call.Direction);
        Assert.Equal(CallOutcome.Answered, call.Outcome);
        Assert.Equal("ANSWERED", call.VendorStatus);
        Assert.Equal(new DateTime(2025, 7, 2, 0, 54, 53, DateTimeKind.Utc), call.StartedAtUtc); // EDT, UTC-4
        Assert.Equal(new DateTime(2025, 7, 2, 0, 55, 8, DateTimeKind.Utc), call.AnsweredAtUtc);
        Assert.Equal(new DateTime(2025, 7, 2, 0, 56, 8, DateTimeKind.Utc), call.EndedAtUtc);
        Assert.Equal(60, call.DurationSeconds);
        Assert.Equal(15, call.RingSeconds);
        Assert.Equal("3203", call.Extension);
        Assert.Equal("+12125550123", call.ExternalNumber);
        Assert.Equal("(212) 555-0123", call.ExternalNumberOriginal);
        Assert.Equal("B WHITTAKER", call.ExternalName);
        Assert.Equal("211159", Assert.Single(call.Recordings).VendorRecordingId);
        Assert.Equal(record, call.RawPayload);
    }

    [Fact]
    public void ToPage_NumbersAsStringsAndOnlyDocumentedFields_ReadsWhatIsThere()
    {
        var page = Read(Answer("""{"rid":"42","call_timestamp":"2025-07-01 12:00:00","cidname_outside":"","cidext_inside":"","direction":"INCOMING","cidnumber_outside":"+44 20 7946 0958","cidnumber_inside":"(212) 555-0100, x101","disposition":"NO ANSWER","extra":{"a":1}}"""));

        var call = Assert.Single(page.Calls);
        Assert.Equal("42", call.VendorCallId);
        Assert.Equal(CallOutcome.Missed, call.Outcome);
        Assert.Equal("101", call.Extension);
        Assert.Equal("+442079460958", call.ExternalNumber);
        Assert.Null(call.ExternalName);
        Assert.Equal(0, call.DurationSeconds);
        Assert.Null(call.RingSeconds);
        Assert.Null(call.AnsweredAtUtc);
        Assert.Null(call.EndedAtUtc);
        Assert.Empty(call.Recordings);
    }

    [Fact]
    public void ToPage_UnknownDisposition_KeepsRawValueAsUnknown()
    {
        var call = Assert.Single(Read(Answer("""{"rid":1,"call_timestamp":"2025-07-01 12:00:00","direction":"INCOMING","disposition":"CONGESTION","duration":"30","billsec":"0"}""")).Calls);

        Assert.Equal(CallOutcome.Unknown, call.Outcome);
        Assert.Equal("CONGESTION", call.VendorStatus);
        Assert.Equal(30, call.RingSeconds);
    }

    [Theory]
    [InlineData("""{"rid":7,"call_timestamp":"2025-07-01 12:00:00","direction":"SIDEWAYS","disposition":"ANSWERED"}""", "7", "direction 'SIDEWAYS' is neither INCOMING nor OUTGOING.")]
    [InlineData("""{"rid":7,"call_timestamp":"0000-00-00 00:00:00","direction":"INCOMING"}""", "7", "call_timestamp '0000-00-00 00:00:00' is not a time in the form YYYY-MM-DD HH:MM:SS.")]
    [InlineData("""{"call_timestamp":"2025-07-01 12:00:00","direction":"INCOMING"}""", null, "The record has no rid.")]
    [InlineData("""{"rid":7,"call_timestamp":"2025-07-01 12:00:00","direction":"INCOMING","duration":"long"}""", "7", "The record could not be read: 'long' is not a whole number.")]
    public void ToPage_RecordThatCannotBeRead_IsSkippedWithReasonAndTheRestRead(string bad, string? key, string reason)
    {
        var good = """{"rid":8,"call_timestamp":"2025-07-01 12:00:01","direction":"INCOMING","disposition":"ANSWERED"}""";

        var page = Read(Answer(bad, good));

        Assert.Equal("8", Assert.Single(page.Calls).VendorCallId);
        var skipped = Assert.Single(page.Skipped);
        Assert.Equal(key, skipped.VendorKey);
        Assert.StartsWith(reason, skipped.Reason);
        Assert.Equal(bad, skipped.RawPayload);
    }

    [Fact]
    public void ToPage_SameRidTwiceAndRecordsBeforeSince_KeepsEachNewCallOnce()
    {
        var page = Read(Answer(
            """{"rid":2,"call_timestamp":"2025-07-01 09:00:00","direction":"INCOMING","disposition":"ANSWERED"}""",
            """{"rid":1,"call_timestamp":"2025-06-30 19:59:59","direction":"INCOMING","disposition":"ANSWERED"}""",
            """{"rid":3,"call_timestamp":"2025-06-30 20:00:00","direction":"INCOMING","disposition":"ANSWERED"}""",
            """{"rid":2,"call_timestamp":"2025-07-01 09:00:00","direction":"INCOMING","disposition":"ANSWERED"}"""));

        Assert.Equal(["3", "2"], page.Calls.Select(c => c.VendorCallId));
        Assert.Equal(new DateTime(2025, 7, 1, 13, 0, 0, DateTimeKind.Utc), page.Watermark);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"success":true,"count":0}""")]
    [InlineData("""{"success":true,"records":{}}""")]
    public void ToPage_AnswerWithoutRecordsList_ThrowsMalformedResponse(string json)
    {
        var ex = Assert.Throws<VendorException>(() => Read(json));

        Assert.Equal(VendorErrorKind.MalformedResponse, ex.Error.Kind);
    }

    [Fact]
    public void ToPage_NoRecords_ReturnsSinceAsWatermark()
    {
        var page = Read("""{"success":true,"count":0,"records":[]}""");

        Assert.Empty(page.Calls);
        Assert.Equal(Since, page.Watermark);
    }
}
