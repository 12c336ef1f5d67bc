using System.Text;
using Microsoft.AspNetCore.Http;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.WebFones;

namespace Portal.Telephony.Tests.WebFones;

/// <summary>One answer read as it arrives and handed on in pages: bounded pages, an exact cursor, bounded error bodies.</summary>
public sealed class WebFonesStreamingTests(SandboxServer server) : IClassFixture<SandboxServer>
{
    [Fact]
    public async Task ReadSinceAsync_AnswerLargerThanAPage_PagesOfAtMostPageSizeAndOnlyTheLastMovesTheWatermark()
    {
        var truth = server.GroundTruth(VendorKind.WebFones);
        var adapter = (WebFonesAdapter)WebFonesConnection.Source(server);
        adapter.PageSize = 50;
        var since = WebFonesConnection.BeforeHistory;

        var pages = await adapter.ReadAllAsync(since);

        Assert.True(pages.Count >= truth.Count / 50, $"{pages.Count} pages for {truth.Count} calls");
        Assert.All(pages, page => Assert.InRange(page.Calls.Count + page.Skipped.Count, 0, 50));
        Assert.All(pages[..^1], page => Assert.Equal(since, page.Watermark));
        var calls = pages.SelectMany(p => p.Calls).ToList();
        Assert.Equal(truth.Select(c => WebFonesExpectations.For(c).VendorCallId).Order(), calls.Select(c => c.VendorCallId).Order());
        Assert.Equal(calls.Max(c => c.StartedAtUtc), pages[^1].Watermark);
    }

    [Fact]
    public async Task ReadSinceAsync_NewestRecordsFirst_NoPageBeforeTheLastMovesTheWatermarkPastAnUnreadRecord()
    {
        var records = Enumerable.Range(1, 5).Reverse()
            .Select(i => $$"""{"rid":{{i}},"call_timestamp":"2025-07-01 12:00:0{{i}}","direction":"INCOMING","disposition":"ANSWERED"}""");
        await using var vendor = await LoopbackServer.StartAsync(context =>
            context.Response.WriteAsync($$"""{"success":true,"count":5,"records":[{{string.Join(",", records)}}]}"""));
        var adapter = (WebFonesAdapter)LoopbackTelephony.Adapter(Settings(vendor));
        adapter.PageSize = 2;
        var since = new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc);

        var pages = await adapter.ReadAllAsync(since);

        Assert.Equal([["5", "4"], ["3", "2"], ["1"]], pages.Select(p => p.Calls.Select(c => c.VendorCallId).Reverse().ToArray()));
        Assert.Equal([since, since, new DateTime(2025, 7, 1, 12, 0, 5, DateTimeKind.Utc)], pages.Select(p => p.Watermark));
    }

    [Fact]
    public async Task ReadSinceAsync_RecordLargerThanTheLimit_IsSkippedWithTheReasonAndTheRestRead()
    {
        var big = $$"""{"rid":2,"call_timestamp":"2025-07-01 12:00:02","direction":"INCOMING","cidname_outside":"{{new string('x', WebFonesAnswerReader.MaxRecordBytes)}}"}""";
        await using var vendor = await LoopbackServer.StartAsync(context => context.Response.WriteAsync(
            $$"""{"success":true,"records":[{"rid":1,"call_timestamp":"2025-07-01 12:00:01","direction":"INCOMING"},{{big}},{"rid":3,"call_timestamp":"2025-07-01 12:00:03","direction":"INCOMING"}]}"""));

        var page = Assert.Single(await ((Capabilities.ICallRecordSource)LoopbackTelephony.Adapter(Settings(vendor))).ReadAllAsync(new DateTime(2025, 7, 1)));

        Assert.Equal(["1", "3"], page.Calls.Select(c => c.VendorCallId));
        var skipped = Assert.Single(page.Skipped);
        Assert.StartsWith($"The record is larger than 1024 KB ({Encoding.UTF8.GetByteCount(big):N0} bytes)", skipped.Reason);
        Assert.StartsWith("""{"rid":2,""", skipped.RawPayload);
    }

    [Fact]
    public async Task ReadSinceAsync_ErrorWithAnArbitraryBody_SaysTheStatusAndNotTheBody()
    {
        await using var vendor = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsync("<html><body>proxy at internal-host-17.corp refused</body></html>");
        });

        var ex = await Assert.ThrowsAsync<VendorException>(() => ((Capabilities.ICallRecordSource)LoopbackTelephony.Adapter(Settings(vendor))).ReadAllAsync(new DateTime(2025, 7, 1)));

        Assert.Equal("WebFones rejected the request for the call records (400).", ex.Error.Message);
    }

    [Fact]
    public async Task ReadSinceAsync_VendorsOwnErrorMessage_IsShownOnOneLineAndCut()
    {
        var message = "Invalid timestamp\nformat " + new string('z', 500);
        await using var vendor = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsJsonAsync(new { error = message });
        });

        var ex = await Assert.ThrowsAsync<VendorException>(() => ((Capabilities.ICallRecordSource)LoopbackTelephony.Adapter(Settings(vendor))).ReadAllAsync(new DateTime(2025, 7, 1)));

        Assert.StartsWith("WebFones rejected the request for the call records (400): Invalid timestamp format zzz", ex.Error.Message);
        Assert.EndsWith("z….", ex.Error.Message);
        Assert.InRange(ex.Error.Message.Length, 200, 280);
    }

    [Fact]
    public async Task ReadSinceAsync_ErrorBodyWithoutEnd_ReadsOnlyItsStart()
    {
        await using var vendor = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            var chunk = Encoding.UTF8.GetBytes(new string(' ', 64 * 1024));
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });

        var read = ((Capabilities.ICallRecordSource)LoopbackTelephony.Adapter(Settings(vendor))).ReadAllAsync(new DateTime(2025, 7, 1));
        var ex = await Assert.ThrowsAsync<VendorException>(() => read.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("WebFones rejected the request for the call records (400).", ex.Error.Message);
    }

    private static VendorConnectionSettings Settings(LoopbackServer vendor) =>
        new(VendorKind.WebFones, vendor.Url(WebFonesSandbox.BasePath), new Dictionary<string, string> { [VendorSecrets.ApiKey] = "key" });
}
