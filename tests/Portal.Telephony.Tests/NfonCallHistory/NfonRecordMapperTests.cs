using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.NfonCallHistory;

namespace Portal.Telephony.Tests.NfonCallHistory;

/// <summary>Record shapes the emulator does not send: the older EA format, forward-compatible values, odd numbers and times.</summary>
public sealed class NfonRecordMapperTests
{
    private static readonly VendorConnectionSettings Settings = new(
        VendorKind.NfonCallHistory, new Uri("https://api.nfon.com/call-history"), new Dictionary<string, string>(), "DE", "Europe/Berlin");

    private static NormalizedCall Map(string json)
    {
        using var document = JsonDocument.Parse(json);
        return NfonRecordMapper.Map(NfonRecordMapper.Parse(document.RootElement), json, Settings);
    }

    [Theory]
    [InlineData("answered", "inbound", CallOutcome.Answered)]
    [InlineData("answered", "outbound", CallOutcome.Answered)]
    [InlineData("missed", "inbound", CallOutcome.Missed)]
    [InlineData("missed", "outbound", CallOutcome.NotConnected)]
    [InlineData("cancelled", "inbound", CallOutcome.Missed)]
    [InlineData("cancelled", "outbound", CallOutcome.NotConnected)]
    [InlineData("unknown", "inbound", CallOutcome.Unknown)]
    [InlineData("busy", "outbound", CallOutcome.Unknown)]
    [InlineData("rejected", "inbound", CallOutcome.Unknown)]
    public void Map_Status_FollowsTheMappingTable(string status, string direction, CallOutcome expected)
    {
        var call = Map($$$"""{"uuid":"a","created":"2025-06-03T10:12:34Z","status":"{{{status}}}","direction":"{{{direction}}}","caller":{"number":"1001","context":"K9999"},"callee":{"number":"4989123456789","context":"global"}}""");

        Assert.Equal(expected, call.Outcome);
        Assert.Equal(status, call.VendorStatus);
    }

    [Fact]
    public void Map_EarlyAccessRecord_ReadsDestinationTypeAndIgnoresTopLevelCrm()
    {
        var call = Map("""
            {"uuid":"330e8400-e29b-41d4-a716-446655440033","duration":0,"direction":"inbound","crm":"ticket-123",
             "caller":{"name":"Charlie","number":"4930123456","context":"global"},
             "callee":{"name":"Alice","number":"1001","context":"K9999","destination_type":"group"},
             "history":[{"callee":{"name":"Test Group","number":"10","context":"K9999","destination_type":"group"},"updated":"2025-06-03T10:25:26Z"}],
             "status":"cancelled","created":"2025-06-03T10:25:25Z"}
            """);

        Assert.Equal(CallDirection.Inbound, call.Direction);
        Assert.Equal(CallOutcome.Missed, call.Outcome);
        Assert.Equal("+4930123456", call.ExternalNumber);
        Assert.Equal("4930123456", call.ExternalNumberOriginal);
        Assert.Equal([new CallLeg(new DateTime(2025, 6, 3, 10, 25, 26, DateTimeKind.Utc), "callee", "10", "Test Group", "group")], call.History);
    }

    [Fact]
    public void Map_HistoryOfUnknownShapes_IgnoresThoseItemsAndKeepsTheRecord()
    {
        var call = Map("""
            {"uuid":"b","created":"2025-06-03T10:25:25Z","direction":"inbound","status":"answered",
             "caller":{"number":"4930123456","context":"global"},"callee":{"name":"Alice","number":"1001","context":"K9999"},
             "history":[
               {"updated":"2025-06-03T10:25:30Z","queue":{"name":"Line"}},
               {"callee":{"name":"Bob","number":"1002","context":"K9999","service":"future-thing","updated":"2025-06-03T10:25:45Z"}},
               "not an object",
               {"caller":{"name":"Dave","number":"1004","context":"K9999"},"updated":"not a time"},
               {"caller":{"name":"Eve","number":"1005","context":"K9999","service":"queue"},"updated":"2025-06-03T10:25:55Z"}
             ]}
            """);

        Assert.Equal(
        [
            new CallLeg(new DateTime(2025, 6, 3, 10, 25, 45, DateTimeKind.Utc), "callee", "1002", "Bob", "extension"),
            new CallLeg(new DateTime(2025, 6, 3, 10, 25, 55, DateTimeKind.Utc), "caller", "1005", "Eve", "queue"),
        ], call.History);
    }

    [Fact]
    public void Map_UnknownContextOnBothSides_IsInternal()
    {
        var call = Map("""
            {"uuid":"c","created":"2025-06-03T10:25:25Z","direction":"outbound","status":"missed","extension":"1001",
             "caller":{"name":"Alice","number":"1001","context":"K9999"},"callee":{"name":"Room","number":"77","context":"mystery"}}
            """);

        Assert.Equal(CallDirection.Internal, call.Direction);
        Assert.Equal(CallOutcome.NotConnected, call.Outcome);
        Assert.Equal("1001", call.Extension);
        Assert.Equal("77", call.ExternalNumber);
        Assert.Equal("Room", call.ExternalName);
    }

    [Fact]
    public void Map_NumbersAsJsonNumbersAndZonelessTimes_AreRead()
    {
        var call = Map("""
            {"uuid":"d","created":"2025-06-03T12:00:00","duration":"42","direction":"inbound","status":"answered",
             "caller":{"number":4989123456789,"context":"global"},"callee":{"number":101,"context":"K9999"}}
            """);

        Assert.Equal(new DateTime(2025, 6, 3, 10, 0, 0, DateTimeKind.Utc), call.StartedAtUtc); // Berlin summer time
        Assert.Equal(42, call.DurationSeconds);
        Assert.Equal("+4989123456789", call.ExternalNumber);
        Assert.Equal("101", call.Extension);
    }

    [Fact]
    public void Map_TranscriptWithOffsets_SpeakersByNameOrSource()
    {
        var call = Map("""
            {"uuid":"e","created":"2025-06-03T10:22:24Z","updated":"2025-06-03T10:22:29Z","direction":"inbound","status":"answered",
             "caller":{"name":"Charlie","number":"1003","context":"K9999"},"callee":{"number":"1001","context":"K9999"},
             "transcription":{"available":true,"summary":"Hello.","language_autodetect":true,"transcript":[
               {"time":"2025-06-03T12:22:30+02:00","source":"caller","event":"start"},
               {"time":"2025-06-03T12:22:31.5+02:00","source":"caller","event":"speech","text":"Hello Bob"},
               {"time":"2025-06-03T10:22:34Z","source":"callee","event":"speech","text":"Hello Alice"}]}}
            """);

        Assert.Equal(new DateTime(2025, 6, 3, 10, 22, 29, DateTimeKind.Utc), call.VendorUpdatedAtUtc);
        Assert.NotNull(call.Transcript);
        Assert.Equal("Hello.", call.Transcript.Summary);
        Assert.Equal([new TranscriptLine("Charlie", 7.5, "Hello Bob"), new TranscriptLine("callee", 10, "Hello Alice")], call.Transcript.Lines);
    }

    [Theory]
    [InlineData("""{"created":"2025-06-03T10:22:24Z"}""", "uuid")]
    [InlineData("""{"uuid":"f","created":"yesterday"}""", "created")]
    [InlineData("""{"uuid":"f","created":"2025-06-03T10:22:24Z","caller":"Alice"}""", "caller")]
    public void Map_UnreadableRecord_ThrowsWithReason(string json, string reasonMentions)
    {
        var ex = Assert.Throws<UnreadableRecordException>(() => Map(json));

        Assert.Contains(reasonMentions, ex.Message, StringComparison.Ordinal);
    }
}
