using Microsoft.AspNetCore.Http;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Telephony.NfonCallHistory;
using Portal.Telephony.Tests.NfonCti;

namespace Portal.Telephony.Tests.NfonCallHistory;

/// <summary>An NFON that streams one record larger than the event limit, then an ordinary one.</summary>
public sealed class NfonLiveStreamLimitTests
{
    private static string Record(string uuid, string extra = "") =>
        $$"""{"uuid":"{{uuid}}","created":"2025-06-03T10:12:34Z","status":"answered","direction":"inbound","caller":{"number":"4930123456","context":"global"},"callee":{"number":"1001","context":"K9999"}{{extra}}}""";

    [Fact]
    public async Task StreamAsync_EventLargerThanTheLimit_IsASkippedRecordWithTheReasonAndTheStreamGoesOn()
    {
        var big = Record("big", $",\"notes\":\"{new string('x', NfonLiveStream.MaxEventBytes)}\"");
        await using var vendor = await LoopbackServer.StartAsync(async context =>
        {
            if (!context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.Ordinal))
            {
                await context.Response.WriteAsJsonAsync(Array.Empty<object>()); // GET /records?limit=1: no customer to learn
                return;
            }
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync($"id: 1\ndata: {big}\n\nid: 2\ndata: {Record("small")}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var live = (ILiveCallRecordStream)LoopbackTelephony.Adapter(new VendorConnectionSettings(VendorKind.NfonCallHistory,
            vendor.Url("/nfon-call-history"), new Dictionary<string, string> { [VendorSecrets.AccessToken] = "token" }));
        await using var stream = new StreamProbe<StreamedCall>(cancellationToken => live.StreamAsync(null, cancellationToken));

        var items = await stream.TakeAsync(2);

        Assert.Equal("1", items[0].EventId);
        Assert.Null(items[0].Call);
        Assert.StartsWith($"The stream event is larger than 1024 KB ({big.Length:N0} bytes)", items[0].Skipped!.Reason);
        Assert.StartsWith("""{"uuid":"big",""", items[0].Skipped!.RawPayload);
        Assert.Equal(("2", "small"), (items[1].EventId, items[1].Call?.VendorCallId));
    }
}
