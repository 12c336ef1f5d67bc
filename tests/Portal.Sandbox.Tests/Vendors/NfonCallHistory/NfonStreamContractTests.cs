using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Tests.Vendors.NfonCallHistory;

/// <summary>GET /records with Accept: text/event-stream: ids, backlog after Last-Event-ID, re-sends, drops.</summary>
public sealed class NfonStreamContractTests(NfonEmulatorFixture sandbox) : IClassFixture<NfonEmulatorFixture>, IDisposable
{
    public void Dispose() => sandbox.Faults.Set(VendorKind.NfonCallHistory, VendorFaults.None);

    [Fact]
    public async Task Stream_WithLastEventId_SendsTheBacklogAfterItWithSequentialIds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var after = sandbox.Log.Current().Max(p => p.Sequence);
        var calls = sandbox.FutureCalls().Where(c => c.Transcript is null).Take(3).ToList();
        sandbox.Log.Publish(calls, sandbox.Clock.UtcNow);

        var events = await ReadAsync(after.ToString(CultureInfo.InvariantCulture), 3, timeout.Token);

        Assert.Equal(Enumerable.Range(1, 3).Select(i => (after + i).ToString(CultureInfo.InvariantCulture)), events.Select(e => e.EventId));
        Assert.Equal(calls.Select(c => c.Id), events.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("uuid").GetString()));
        Assert.All(events, e => Assert.DoesNotContain('\n', e.Data));
    }

    [Fact]
    public async Task Stream_WithoutLastEventId_SendsOnlyNewCalls()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var call = sandbox.FutureCalls().First(c => c.Transcript is null);
        using var client = sandbox.Client();
        using var response = await OpenAsync(client, null, timeout.Token);
        await using var events = SseParser.Create(await response.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        sandbox.Log.Publish([call], call.EndedAtUtc);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(call.Id, JsonDocument.Parse(events.Current.Data).RootElement.GetProperty("uuid").GetString());
    }

    [Fact]
    public async Task Stream_TranscriptBecomesReady_RecordIsSentAgainWithUpdated()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var call = sandbox.FutureCalls().First(c => c.Transcript is not null);
        var after = sandbox.Log.Current().Max(p => p.Sequence);
        sandbox.Log.Publish([call], call.EndedAtUtc);
        NfonTranscriptPublisher.RepublishReady(sandbox.Log, NfonCallHistorySandbox.TranscriptReadyAtUtc(call));

        var events = await ReadAsync(after.ToString(CultureInfo.InvariantCulture), 2, timeout.Token);

        var (first, second) = (JsonDocument.Parse(events[0].Data).RootElement, JsonDocument.Parse(events[1].Data).RootElement);
        Assert.Equal(call.Id, first.GetProperty("uuid").GetString());
        Assert.Equal(call.Id, second.GetProperty("uuid").GetString());
        Assert.False(first.GetProperty("transcription").GetProperty("available").GetBoolean());
        Assert.False(first.TryGetProperty("updated", out _));
        Assert.True(second.GetProperty("transcription").GetProperty("available").GetBoolean());
        Assert.Equal(NfonCallHistorySandbox.TranscriptReadyAtUtc(call), second.GetProperty("updated").GetDateTime().ToUniversalTime());
        Assert.Equal(long.Parse(events[0].EventId!, CultureInfo.InvariantCulture) + 1, long.Parse(events[1].EventId!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Stream_DropStreamsAfterEvents_EndsTheResponseAfterThatMany()
    {
        sandbox.Faults.Set(VendorKind.NfonCallHistory, new VendorFaults { DropStreamsAfterEvents = 2 });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = sandbox.Client();
        using var response = await OpenAsync(client, "-1", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token))
        {
            events.Add(item);
        }

        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task Stream_UserLevelTokenWithoutCustomer_Returns400()
    {
        using var http = sandbox.Client(token: null);
        var tokens = await NfonOAuthContractTests.SignInAsync(http);
        http.DefaultRequestHeaders.Authorization = new("Bearer", tokens.GetProperty("access_token").GetString());

        using var refused = await OpenAsync(http, null, CancellationToken.None, customer: null);
        using var accepted = await OpenAsync(http, null, CancellationToken.None, customer: NfonCallHistorySandbox.Customer);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("customer", (await NfonEmulatorFixture.JsonAsync(refused)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("text/event-stream", accepted.Content.Headers.ContentType?.MediaType);
    }

    private async Task<List<SseItem<string>>> ReadAsync(string lastEventId, int count, CancellationToken cancellationToken)
    {
        using var client = sandbox.Client();
        using var response = await OpenAsync(client, lastEventId, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(cancellationToken)).EnumerateAsync(cancellationToken))
        {
            events.Add(item);
            if (events.Count == count)
            {
                break;
            }
        }
        return events;
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient client, string? lastEventId, CancellationToken cancellationToken, string? customer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, customer is null ? "records" : $"records?customer={customer}");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
