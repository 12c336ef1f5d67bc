using System.Net;

namespace Portal.Sandbox.Tests.Vendors.WebFones;

/// <summary>GET /webfones/call_log/recording/:rid (3.1).</summary>
public sealed class WebFonesRecordingContractTests(WebFonesEmulatorFixture fixture) : IClassFixture<WebFonesEmulatorFixture>
{
    [Fact]
    public async Task Recording_CallWithRecording_ReturnsWav()
    {
        var rid = (await fixture.AllRecordsAsync()).First(r => r.GetProperty("has_recording").GetInt32() == 1).GetProperty("rid").GetInt64();
        using var client = fixture.Client();

        using var response = await client.GetAsync($"/webfones/call_log/recording/{rid}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));
        Assert.Equal(bytes.Length - 8, BitConverter.ToInt32(bytes, 4));
    }

    [Fact]
    public async Task Recording_CallWithoutRecording_Returns404RecordingNotFound()
    {
        var rid = (await fixture.AllRecordsAsync()).First(r => r.GetProperty("has_recording").GetInt32() == 0).GetProperty("rid").GetInt64();
        using var client = fixture.Client();

        using var response = await client.GetAsync($"/webfones/call_log/recording/{rid}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":"Recording not found"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Recording_UnknownRid_Returns404RecordingNotFound()
    {
        using var client = fixture.Client();

        using var response = await client.GetAsync("/webfones/call_log/recording/1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":"Recording not found"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Recording_RidNotANumber_Returns400()
    {
        using var client = fixture.Client();

        using var response = await client.GetAsync("/webfones/call_log/recording/abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"Invalid rid"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Recording_WithoutApiKey_Returns401MissingApiKey()
    {
        using var client = fixture.Client(apiKey: null);

        using var response = await client.GetAsync("/webfones/call_log/recording/1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"error":"Missing API key"}""", await response.Content.ReadAsStringAsync());
    }
}
