using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.WebFones;

public sealed class WebFonesReadTests(SandboxServer server) : IClassFixture<SandboxServer>
{
    [Fact]
    public async Task ReadSinceAsync_WholeHistory_EqualsGroundTruthInOneRequest()
    {
        var truth = server.GroundTruth(VendorKind.WebFones);
        var pages = await WebFonesConnection.Source(server).ReadAllAsync(WebFonesConnection.BeforeHistory);

        var page = Assert.Single(pages);
        Assert.Empty(page.Skipped);
        Assert.True(truth.Count > 100, $"the fixture should hold a few hundred calls, not {truth.Count}");
        Assert.Equal(truth.Count, page.Calls.Count);
        var byId = page.Calls.ToDictionary(c => c.VendorCallId);
        foreach (var generated in truth)
        {
            var expected = WebFonesExpectations.For(generated);
            var call = byId[expected.VendorCallId];
            Assert.Equal(expected.Direction, call.Direction);
            Assert.Equal(expected.Outcome, call.Outcome);
            Assert.Equal(expected.VendorStatus, call.VendorStatus);
            Assert.Equal(expected.StartedAtUtc, call.StartedAtUtc);
            Assert.Equal(DateTimeKind.Utc, call.StartedAtUtc.Kind);
            Assert.Equal(expected.AnsweredAtUtc, call.AnsweredAtUtc);
            Assert.Equal(expected.EndedAtUtc, call.EndedAtUtc);
            Assert.Equal(expected.DurationSeconds, call.DurationSeconds);
            Assert.Equal(expected.RingSeconds, call.RingSeconds);
            Assert.Equal(expected.Extension, call.Extension);
            Assert.Null(call.ExtensionName);
            Assert.Equal(expected.ExternalNumber, call.ExternalNumber);
            Assert.Equal(expected.ExternalNumberOriginal, call.ExternalNumberOriginal);
            Assert.Equal(expected.ExternalName, call.ExternalName);
            Assert.Null(call.Transcript);
            Assert.Equal(expected.HasRecording ? [expected.VendorCallId] : Array.Empty<string>(), call.Recordings.Select(r => r.VendorRecordingId));
            Assert.Equal(expected.VendorCallId, JsonDocument.Parse(call.RawPayload).RootElement.GetProperty("rid").GetInt64().ToString(CultureInfo.InvariantCulture));
        }
        // CONGESTION (a network error) is the one disposition the portal does not know.
        Assert.Equal(truth.Count(c => c.Cause == EndCause.NetworkError), page.Calls.Count(c => c.Outcome == CallOutcome.Unknown));
        Assert.Equal(page.Calls.Max(c => c.StartedAtUtc), page.Watermark);
        Assert.Equal(page.Calls.OrderBy(c => c.StartedAtUtc).Select(c => c.VendorCallId), page.Calls.Select(c => c.VendorCallId));
    }

    [Fact]
    public async Task ReadSinceAsync_FromCursor_ReturnsExactlyTheCallsStartingAtOrAfterIt()
    {
        var starts = server.GroundTruth(VendorKind.WebFones).Select(WebFonesExpectations.For).OrderBy(e => e.StartedAtUtc).ToList();
        var cursor = starts[starts.Count / 2].StartedAtUtc;

        var page = Assert.Single(await WebFonesConnection.Source(server).ReadAllAsync(cursor));

        Assert.Equal(
            starts.Where(e => e.StartedAtUtc >= cursor).Select(e => e.VendorCallId).Order(),
            page.Calls.Select(c => c.VendorCallId).Order());
        Assert.Contains(page.Calls, c => c.StartedAtUtc == cursor);
    }

    [Fact]
    public async Task ReadSinceAsync_FromWatermark_ReturnsOnlyTheCallsOfThatSecondAgain()
    {
        var source = WebFonesConnection.Source(server);
        var first = Assert.Single(await source.ReadAllAsync(WebFonesConnection.BeforeHistory));

        var next = Assert.Single(await source.ReadAllAsync(first.Watermark));

        Assert.NotEmpty(next.Calls);
        Assert.All(next.Calls, c => Assert.Equal(first.Watermark, c.StartedAtUtc));
        Assert.Equal(first.Watermark, next.Watermark);
    }

    [Fact]
    public async Task ReadSinceAsync_AfterLastCall_ReturnsEmptyPageWithSinceAsWatermark()
    {
        var since = server.Clock.UtcNow.AddMinutes(1);

        var page = Assert.Single(await WebFonesConnection.Source(server).ReadAllAsync(since));

        Assert.Empty(page.Calls);
        Assert.Empty(page.Skipped);
        Assert.Equal(since, page.Watermark);
    }

    [Fact]
    public async Task ReadSinceAsync_ZoneLessTimestamps_AreReadInTheConfiguredZone()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var asNewYork = Assert.Single(await WebFonesConnection.Source(server).ReadAllAsync(WebFonesConnection.BeforeHistory)).Calls;
        var asUtc = Assert.Single(await WebFonesConnection.Source(server, timeZone: null).ReadAllAsync(WebFonesConnection.BeforeHistory)).Calls
            .ToDictionary(c => c.VendorCallId);

        foreach (var call in asNewYork)
        {
            var local = DateTime.ParseExact(JsonDocument.Parse(call.RawPayload).RootElement.GetProperty("call_timestamp").GetString()!,
                "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            if (newYork.IsAmbiguousTime(local))
            {
                continue; // the repeated autumn hour: asserted by WebFonesTimeTests
            }
            Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(local, newYork), call.StartedAtUtc);
            // The same text read as UTC is the New York offset (4 or 5 hours) earlier.
            Assert.Equal(newYork.GetUtcOffset(call.StartedAtUtc), asUtc[call.VendorCallId].StartedAtUtc - call.StartedAtUtc);
        }
    }

    [Fact]
    public async Task ReadSinceAsync_DisplayFormattedNumbers_AreNormalizedToE164()
    {
        var calls = Assert.Single(await WebFonesConnection.Source(server).ReadAllAsync(WebFonesConnection.BeforeHistory)).Calls;

        var us = calls.Where(c => Regex.IsMatch(c.ExternalNumberOriginal!, @"^\(\d{3}\) \d{3}-\d{4}$")).ToList();
        var foreign = calls.Where(c => c.ExternalNumberOriginal!.StartsWith('+')).ToList();
        Assert.NotEmpty(us);
        Assert.NotEmpty(foreign);
        Assert.Equal(calls.Count, us.Count + foreign.Count);
        Assert.All(us, c => Assert.Equal("+1" + Regex.Replace(c.ExternalNumberOriginal!, @"\D", ""), c.ExternalNumber));
        Assert.All(foreign, c => Assert.Equal("+" + Regex.Replace(c.ExternalNumberOriginal!, @"\D", ""), c.ExternalNumber));
    }

    [Fact]
    public async Task TestConnectionAsync_SandboxKey_ReturnsNull()
    {
        Assert.Null(await server.CreateAdapter(WebFonesConnection.Settings(server)).TestConnectionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TestConnectionAsync_WrongKey_ReturnsAuthenticationError()
    {
        var error = await server.CreateAdapter(WebFonesConnection.Settings(server, apiKey: "not-the-key")).TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Authentication, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.Equal("WebFones rejected the API key (403). Check the key with your WebFones administrator.", error.Message);
    }

    [Fact]
    public async Task TestConnectionAsync_NoKeyConfigured_ReturnsConfigurationError()
    {
        var error = await server.CreateAdapter(WebFonesConnection.Settings(server, apiKey: null)).TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Configuration, error.Kind);
        Assert.Contains(VendorSecrets.ApiKey, error.Message);
    }

    [Fact]
    public async Task TestConnectionAsync_UnknownTimeZone_ReturnsConfigurationError()
    {
        var error = await server.CreateAdapter(WebFonesConnection.Settings(server, timeZone: "Mars/Olympus_Mons")).TestConnectionAsync(CancellationToken.None);

        Assert.Equal(VendorErrorKind.Configuration, error?.Kind);
        Assert.Contains("Mars/Olympus_Mons", error?.Message);
    }

    [Fact]
    public async Task ReadSinceAsync_WrongKey_ThrowsAuthenticationError()
    {
        var source = WebFonesConnection.Source(server, apiKey: "not-the-key");

        var ex = await Assert.ThrowsAsync<VendorException>(() => source.ReadAllAsync(WebFonesConnection.BeforeHistory));

        Assert.Equal(VendorErrorKind.Authentication, ex.Error.Kind);
        Assert.Equal(VendorKind.WebFones, ex.Error.Vendor);
        Assert.Contains("rejected the API key", ex.Message);
    }

    [Fact]
    public async Task OpenRecordingAsync_CallWithRecording_ReturnsWavAudio()
    {
        var adapter = server.CreateAdapter(WebFonesConnection.Settings(server));
        var call = Assert.Single(await ((ICallRecordSource)adapter).ReadAllAsync(WebFonesConnection.BeforeHistory)).Calls.First(c => c.Recordings.Count > 0);

        await using var recording = await ((IRecordingSource)adapter).OpenRecordingAsync(call.VendorCallId, call.Recordings[0], CancellationToken.None);
        using var bytes = new MemoryStream();
        await recording.Content.CopyToAsync(bytes);

        Assert.Equal("audio/wav", recording.ContentType);
        Assert.Equal(bytes.Length, recording.Length);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes.GetBuffer(), 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(bytes.GetBuffer(), 8, 4));
    }

    [Fact]
    public async Task OpenRecordingAsync_CallWithoutRecording_ThrowsRejected()
    {
        var adapter = server.CreateAdapter(WebFonesConnection.Settings(server));
        var call = server.GroundTruth(VendorKind.WebFones).First(c => !c.HasRecording);
        var id = call.Number.ToString(CultureInfo.InvariantCulture);

        var ex = await Assert.ThrowsAsync<VendorException>(() =>
            ((IRecordingSource)adapter).OpenRecordingAsync(id, new RecordingInfo(id, null, null, null, null, null), CancellationToken.None));

        Assert.Equal(VendorErrorKind.Rejected, ex.Error.Kind);
        Assert.Equal(404, ex.Error.StatusCode);
        Assert.Contains($"no recording for call {id}", ex.Message);
    }
}
