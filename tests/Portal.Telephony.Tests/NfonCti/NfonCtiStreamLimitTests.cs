using Microsoft.AspNetCore.Http;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.Tests.NfonCti;

/// <summary>An NFON CTI that streams one line state larger than the event limit, then an ordinary one.</summary>
public sealed class NfonCtiStreamLimitTests
{
    [Fact]
    public async Task StreamLineStatesAsync_EventLargerThanTheLimit_IsSkippedAndTheStreamGoesOn()
    {
        var padding = new string('x', BoundedSse.DefaultMaxEventBytes);
        await using var vendor = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Method == "POST")
            {
                await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["access-token"] = "access", ["refresh-token"] = "refresh" });
                return;
            }
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(
                $"data: {{\"extension\":\"999\",\"line\":\"idle\",\"note\":\"{padding}\"}}\n\ndata: {{\"extension\":\"101\",\"line\":\"idle\"}}\n\n",
                context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var lines = (ILineStateStream)LoopbackTelephony.Adapter(new VendorConnectionSettings(VendorKind.NfonCti, vendor.Url("/nfon-cti/v1"),
            new Dictionary<string, string> { [VendorSecrets.Username] = "user", [VendorSecrets.Password] = "password" }));
        await using var stream = new StreamProbe<LineStateChange>(lines.StreamLineStatesAsync);

        var first = await stream.NextAsync();

        Assert.Equal("101", first.Extension);
    }
}
