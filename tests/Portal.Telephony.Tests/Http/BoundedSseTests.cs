using System.Net.ServerSentEvents;
using System.Text;
using Portal.Telephony.Http;

namespace Portal.Telephony.Tests.Http;

public sealed class BoundedSseTests
{
    // A byte order mark, a comment, CRLF, CR and LF line ends, data over two lines, an id that persists, a "data" field
    // without a colon, an id with NUL (ignored), unknown fields, and an event the stream ends before its blank line.
    private const string Stream =
        "\uFEFF: keep-alive\r\nid: 1\r\nevent: record\r\ndata: {\"a\":1}\r\ndata:{\"b\":2}\r\n\r\n" +
        "retry: 100\rdata: second\r\r" +
        "id: 2\ndata\n\nid: 3\0x\nfoo: bar\ndata:  two spaces \n\n" +
        "data: never ended";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(4096)]
    public async Task ReadAsync_StreamInPieces_ReadsTheSameEventsAsSystemNetServerSentEvents(int piece)
    {
        var expected = new List<(string, string?)>();
        var parser = SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(Stream)));
        await foreach (var item in parser.EnumerateAsync())
        {
            expected.Add((item.Data, string.IsNullOrEmpty(parser.LastEventId) ? null : parser.LastEventId));
        }

        var events = await ReadAsync(Stream, piece, maxEventBytes: 1024);

        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, events.Select(e => (e.Data, e.LastEventId)));
        Assert.All(events, e => Assert.Null(e.OversizedBytes));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task ReadAsync_EventLargerThanTheLimit_ComesOutOversizedWithItsStartAndTheNextEventIsIntact(int piece)
    {
        var big = "id: 7\ndata: " + new string('a', 150) + "\ndata: " + new string('b', 150) + "\n\n";
        var longLine = "data: " + new string('c', 1000) + "\n\n";

        var events = await ReadAsync(big + longLine + "id: 8\ndata: small\n\n", piece, maxEventBytes: 100);

        Assert.Equal(3, events.Count);
        Assert.Equal((301L, "7"), (events[0].OversizedBytes, events[0].LastEventId));
        Assert.StartsWith(new string('a', 100), events[0].Data);
        Assert.EndsWith("…", events[0].Data);
        Assert.Equal(1000L, events[1].OversizedBytes);
        Assert.Equal(("small", "8", (long?)null), (events[2].Data, events[2].LastEventId, events[2].OversizedBytes));
    }

    [Fact]
    public async Task ReadAsync_EventOfExactlyTheLimit_IsKept()
    {
        var events = await ReadAsync("data: 12345\ndata: 6789\n\n", 4096, maxEventBytes: 10);

        Assert.Equal("12345\n6789", Assert.Single(events).Data);
    }

    private static async Task<List<SseEvent>> ReadAsync(string text, int piece, int maxEventBytes)
    {
        var events = new List<SseEvent>();
        await foreach (var item in BoundedSse.ReadAsync(new PiecesStream(Encoding.UTF8.GetBytes(text), piece), maxEventBytes, CancellationToken.None))
        {
            events.Add(item);
        }
        return events;
    }
}
