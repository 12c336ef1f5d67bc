using System.Net;
using static Portal.Sandbox.Tests.Vendors.NfonCallHistory.NfonEmulatorFixture;

namespace Portal.Sandbox.Tests.Vendors.NfonCallHistory;

/// <summary>DELETE /records/{uuid} and DELETE /records?uuid=…: 204, 404, and no delete without any parameter.</summary>
public sealed class NfonDeleteContractTests(NfonEmulatorFixture sandbox) : IClassFixture<NfonEmulatorFixture>
{
    [Fact]
    public async Task DeleteRecord_ExistingThenAgain_Returns204Then404()
    {
        using var client = sandbox.Client();
        var id = sandbox.Log.Current()[0].Call.Id;

        using var first = await client.DeleteAsync($"records/{id}");
        using var second = await client.DeleteAsync($"records/{id}");
        using var read = await client.GetAsync($"records/{id}");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Empty(await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task DeleteRecords_RepeatedUuids_DeletesExactlyThose()
    {
        using var client = sandbox.Client();
        var before = sandbox.Log.Current().Select(p => p.Call.Id).ToList();
        string[] doomed = [before[5], before[9]];

        using var response = await client.DeleteAsync($"records?uuid={doomed[0]}&uuid={doomed[1]}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(before.Except(doomed), sandbox.Log.Current().Select(p => p.Call.Id));
    }

    [Theory]
    [InlineData("records")]
    [InlineData("records?customer=K1234")]
    [InlineData("records?uuid=")]
    public async Task DeleteRecords_NothingSelected_Returns400AndDeletesNothing(string path)
    {
        using var client = sandbox.Client();
        var count = sandbox.Log.Current().Count;

        using var response = await client.DeleteAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Refusing to delete", (await JsonAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(count, sandbox.Log.Current().Count);
    }

    [Fact]
    public async Task DeleteRecords_OnlyUnknownUuids_Returns404()
    {
        using var client = sandbox.Client();

        using var response = await client.DeleteAsync("records?uuid=00000000-0000-4000-8000-000000000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task DeleteRecords_NoToken_Returns401AndDeletesNothing()
    {
        using var client = sandbox.Client(token: null);
        var id = sandbox.Log.Current()[^1].Call.Id;

        using var response = await client.DeleteAsync($"records?uuid={id}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull(sandbox.Log.Find(id));
    }
}
