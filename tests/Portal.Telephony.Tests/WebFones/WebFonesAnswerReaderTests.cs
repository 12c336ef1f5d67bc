using System.Text;
using Portal.Telephony.Connections;
using Portal.Telephony.WebFones;

namespace Portal.Telephony.Tests.WebFones;

/// <summary>The token-by-token reader of one records_after_timestamp answer, fed as a vendor might send it.</summary>
public sealed class WebFonesAnswerReaderTests
{
    private static string Record(int rid, string extra = "") =>
        $$"""{"rid":{{rid}},"call_timestamp":"2025-07-01 12:00:{{rid % 60:00}}","direction":"INCOMING","disposition":"ANSWERED"{{extra}}}""";

    private static string Answer(int records) =>
        $$"""{"success":true,"count":{{records}},"records":[{{string.Join(",", Enumerable.Range(1, records).Select(i => Record(i)))}}]}""";

    private static async Task<List<WebFonesItem>> ReadAsync(string json, int piece = int.MaxValue)
    {
        var items = new List<WebFonesItem>();
        await using var body = new PiecesStream(Encoding.UTF8.GetBytes(json), piece);
        await foreach (var item in WebFonesAnswerReader.ReadAsync(body, TimeSpan.FromSeconds(30), CancellationToken.None))
        {
            items.Add(item);
        }
        return items;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task ReadAsync_AnswerArrivingInSmallPieces_ReadsEveryRecordExactlyAsSent(int piece)
    {
        var json = Answer(40);

        var items = await ReadAsync(json, piece: piece);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => Record(i)), items.Select(r => r.Record.GetRawText()));
    }

    [Fact]
    public async Task ReadAsync_RecordsBeforeSuccessAndUnknownProperties_ReadsTheRecords()
    {
        var json = $$"""{"records":[{{Record(1)}}],"meta":{"a":[1,2,{"b":null}]},"count":1,"success":true}""";

        var item = Assert.Single(await ReadAsync(json, piece: 5));

        Assert.Equal(1, item.Record.GetProperty("rid").GetInt32());
    }

    [Theory]
    [InlineData("""{"success":false,"error":"Account suspended"}""", VendorErrorKind.Rejected, "WebFones answered success=false: Account suspended.")]
    [InlineData("""{"records":[],"success":false}""", VendorErrorKind.Rejected, "WebFones answered success=false: no reason given.")]
    [InlineData("[]", VendorErrorKind.MalformedResponse, "WebFones answered with JSON that is not an object.")]
    [InlineData("""{"success":true,"count":0}""", VendorErrorKind.MalformedResponse, "WebFones answered without a \"records\" list.")]
    [InlineData("""{"success":true,"records":{}}""", VendorErrorKind.MalformedResponse, "WebFones answered without a \"records\" list.")]
    [InlineData("""{"success":true,"records":[{"rid":1}""", VendorErrorKind.MalformedResponse, "WebFones answered the call records request with something that is not JSON")]
    [InlineData("<html>Bad gateway</html>", VendorErrorKind.MalformedResponse, "WebFones answered the call records request with something that is not JSON")]
    public async Task ReadAsync_AnswerThatIsNotARecordList_ThrowsInWords(string json, VendorErrorKind kind, string message)
    {
        var ex = await Assert.ThrowsAsync<VendorException>(() => ReadAsync(json, piece: 4));

        Assert.Equal(kind, ex.Error.Kind);
        Assert.StartsWith(message, ex.Message);
    }

    [Fact]
    public async Task ReadAsync_RecordLargerThanTheLimit_ComesOutAsTooLargeWithItsStartAndTheRestIsRead()
    {
        var padding = string.Concat(Enumerable.Repeat("\"x\",", WebFonesAnswerReader.MaxRecordBytes / 4)); // many small tokens
        var json = $$"""{"success":true,"records":[{{Record(1)}},{{Record(2, $",\"padding\":[{padding}0]")}},{{Record(3)}}]}""";

        var items = await ReadAsync(json, piece: 64 * 1024);

        Assert.Equal(3, items.Count);
        Assert.Equal([1, 3], items.Where(i => i.TooLarge is null).Select(i => i.Record.GetProperty("rid").GetInt32()));
        var tooLarge = Assert.Single(items, i => i.TooLarge is not null).TooLarge!;
        Assert.StartsWith($"The record is larger than 1024 KB ({Encoding.UTF8.GetByteCount(Record(2, $",\"padding\":[{padding}0]")):N0} bytes)", tooLarge.Reason);
        Assert.StartsWith("""{"rid":2,""", tooLarge.RawPayload);
        Assert.True(tooLarge.RawPayload.Length < 2_000);
    }

    [Fact]
    public async Task ReadAsync_SingleValueLargerThanTwiceTheLimit_ThrowsMalformed()
    {
        var json = $$"""{"success":true,"records":[{{Record(1, $",\"note\":\"{new string('x', 3 * WebFonesAnswerReader.MaxRecordBytes)}\"")}}]}""";

        var ex = await Assert.ThrowsAsync<VendorException>(() => ReadAsync(json, piece: 64 * 1024));

        Assert.Equal(VendorErrorKind.MalformedResponse, ex.Error.Kind);
        Assert.Contains("a single value larger than 2 MB", ex.Message);
    }
}
